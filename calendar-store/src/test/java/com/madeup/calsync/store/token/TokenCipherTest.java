package com.madeup.calsync.store.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    static final SecretToken KEY_A = SecretToken.of(Base64.getEncoder().encodeToString(bytes(32, 1)));
    static final SecretToken KEY_B = SecretToken.of(Base64.getEncoder().encodeToString(bytes(32, 2)));
    private static final byte[] ROW_1 = "row-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW_2 = "row-2".getBytes(StandardCharsets.UTF_8);

    private final TokenCipher cipher = new TokenCipher(KEY_A, List.of(), new SecureRandom());

    static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 7);
        }
        return bytes;
    }

    @Test
    void roundTripsWithAFreshIvEachTime() {
        byte[] first = cipher.encrypt(SecretToken.of("ya29.secret"), ROW_1);
        byte[] second = cipher.encrypt(SecretToken.of("ya29.secret"), ROW_1);

        assertThat(first).isNotEqualTo(second);
        assertThat(cipher.decrypt(first, ROW_1).reveal()).isEqualTo("ya29.secret");
        assertThat(cipher.decrypt(second, ROW_1).reveal()).isEqualTo("ya29.secret");
        assertThat(first.length).isEqualTo(2 + 12 + "ya29.secret".length() + 16);
    }

    @Test
    void otherAssociatedDataFailsToDecrypt() {
        byte[] sealed = cipher.encrypt(SecretToken.of("ya29.secret"), ROW_1);

        assertThatThrownBy(() -> cipher.decrypt(sealed, ROW_2))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void tamperedCiphertextFailsToDecrypt() {
        byte[] sealed = cipher.encrypt(SecretToken.of("ya29.secret"), ROW_1);
        sealed[sealed.length - 20] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, ROW_1)).isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void rotationDecryptsOldValuesAndWritesWithTheNewKey() {
        byte[] old = cipher.encrypt(SecretToken.of("old"), ROW_1);
        TokenCipher rotated = new TokenCipher(KEY_B, List.of(KEY_A), new SecureRandom());
        TokenCipher newOnly = new TokenCipher(KEY_B, List.of(), new SecureRandom());

        byte[] fresh = rotated.encrypt(SecretToken.of("new"), ROW_1);

        assertThat(rotated.decrypt(old, ROW_1).reveal()).isEqualTo("old");
        assertThat(rotated.isCurrentKey(old)).isFalse();
        assertThat(rotated.isCurrentKey(fresh)).isTrue();
        assertThat(newOnly.decrypt(fresh, ROW_1).reveal()).isEqualTo("new");
        assertThatThrownBy(() -> newOnly.decrypt(old, ROW_1))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("previous-keys");
    }

    @Test
    void badKeysAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> new TokenCipher(SecretToken.of("not base64 !!"), List.of(), new SecureRandom()))
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("!!");
        String shortKey = Base64.getEncoder().encodeToString(bytes(16, 1));
        assertThatThrownBy(() -> new TokenCipher(SecretToken.of(shortKey), List.of(), new SecureRandom()))
                .hasMessageContaining("decodes to 16 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void secretTokenNeverPrintsItsValue() {
        SecretToken token = SecretToken.of("ya29.secret");

        assertThat(token.toString()).doesNotContain("ya29");
        assertThat(List.of(token).toString()).doesNotContain("ya29");
        assertThat(token).isEqualTo(SecretToken.of("ya29.secret")).isNotEqualTo(SecretToken.of("other"));
    }
}
