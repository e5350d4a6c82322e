package com.madeup.calsync.store.token;

/**
 * A stored token could not be decrypted: wrong or unknown key, tampered ciphertext, or a
 * ciphertext that belongs to another row. Never carries plaintext or key material.
 */
public class TokenDecryptionException extends RuntimeException {

    public TokenDecryptionException(String message) {
        super(message);
    }

    public TokenDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
