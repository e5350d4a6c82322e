package com.madeup.calsync.store.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for token columns.
 *
 * <p>Ciphertext layout: {@code [format 0x01][key id][12-byte random IV][ciphertext + 16-byte tag]}.
 * The key id is the first byte of SHA-256 of the key, so a value names the key that wrote it and
 * keys can be rotated: new values use the current key, and old values still decrypt while their
 * key is listed among the previous keys. The caller's associated data (e.g. table, column and
 * connection id) is authenticated with the header, so a value copied to another row or column does
 * not decrypt.
 */
public final class TokenCipher {

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 2 + IV_BYTES;
    private static final int KEY_BYTES = 32;

    private final SecretKey currentKey;
    private final byte currentKeyId;
    private final Map<Byte, SecretKey> keysById;
    private final SecureRandom random;

    /**
     * @param currentKey base64 of 32 random bytes; encrypts every new value
     * @param previousKeys keys of the same form that only decrypt (rotation); may be empty
     * @throws IllegalArgumentException when a key is not base64 of 32 bytes, or two keys share an id
     */
    public TokenCipher(SecretToken currentKey, List<SecretToken> previousKeys, SecureRandom random) {
        Objects.requireNonNull(currentKey, "currentKey");
        this.random = Objects.requireNonNull(random, "random");
        this.currentKey = aesKey(currentKey, "the current key");
        this.currentKeyId = keyId(this.currentKey);
        Map<Byte, SecretKey> keys = new HashMap<>();
        keys.put(currentKeyId, this.currentKey);
        List<SecretToken> previous = previousKeys == null ? List.of() : new ArrayList<>(previousKeys);
        for (int i = 0; i < previous.size(); i++) {
            SecretKey key = aesKey(previous.get(i), "previous key #" + (i + 1));
            SecretKey clash = keys.putIfAbsent(keyId(key), key);
            if (clash != null && !MessageDigest.isEqual(clash.getEncoded(), key.getEncoded())) {
                throw new IllegalArgumentException("previous key #" + (i + 1)
                        + " has the same key id as another configured key; generate a different key");
            }
        }
        this.keysById = Map.copyOf(keys);
    }

    /** Encrypts with the current key and a fresh random IV, bound to {@code associatedData}. */
    public byte[] encrypt(SecretToken plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES)
                .put(FORMAT)
                .put(currentKeyId)
                .put(iv)
                .array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, currentKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header, 0, 2);
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext.reveal().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(HEADER_BYTES + sealed.length)
                    .put(header)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a value written by {@link #encrypt} with the same associated data.
     *
     * @throws TokenDecryptionException when the key is unknown, the value was altered, or it was
     *     encrypted for other associated data
     */
    public SecretToken decrypt(byte[] ciphertext, byte[] associatedData) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length < HEADER_BYTES + TAG_BITS / 8 || ciphertext[0] != FORMAT) {
            throw new TokenDecryptionException("Not a token ciphertext of format " + FORMAT);
        }
        SecretKey key = keysById.get(ciphertext[1]);
        if (key == null) {
            throw new TokenDecryptionException("Token was encrypted with key id " + (ciphertext[1] & 0xff)
                    + ", which is not configured (add it to calsync.store.token-encryption.previous-keys)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 2, IV_BYTES));
            cipher.updateAAD(ciphertext, 0, 2);
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(ciphertext, HEADER_BYTES, ciphertext.length - HEADER_BYTES);
            return SecretToken.of(new String(plain, StandardCharsets.UTF_8));
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TokenDecryptionException(
                    "Token ciphertext failed authentication (altered, or stored for another row)", e);
        } catch (GeneralSecurityException e) {
            throw new TokenDecryptionException("Token could not be decrypted", e);
        }
    }

    /** Whether {@code ciphertext} was written with the current key (false means: re-encrypt it). */
    public boolean isCurrentKey(byte[] ciphertext) {
        return ciphertext.length > 1 && ciphertext[1] == currentKeyId;
    }

    private static SecretKey aesKey(SecretToken encoded, String which) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException(which + " is empty; it must be base64 of 32 random bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.reveal().strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message could quote the key: do not chain it.
            throw new IllegalArgumentException(which + " is not valid base64; it must be base64 of 32 random bytes");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    which + " decodes to " + bytes.length + " bytes; AES-256 needs exactly " + KEY_BYTES);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte keyId(SecretKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded())[0];
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
