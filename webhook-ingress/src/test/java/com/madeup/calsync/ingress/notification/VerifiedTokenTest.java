package com.madeup.calsync.ingress.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.ingress.notification.CachingChannelVerifier.VerifiedToken;
import org.junit.jupiter.api.Test;

class VerifiedTokenTest {

    private final VerifiedToken token = new VerifiedToken("s3cret-token");

    @Test
    void matchesOnlyTheSameToken() {
        assertThat(token.matches("s3cret-token")).isTrue();
        assertThat(token.matches("s3cret-tokeN")).isFalse();
        assertThat(token.matches("S3cret-token")).isFalse();
        assertThat(token.matches("s3cret-toke")).as("a prefix").isFalse();
        assertThat(token.matches("s3cret-token2")).as("longer").isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(new VerifiedToken("").matches("")).isTrue();
    }

    @Test
    void neverShowsTheToken() {
        assertThat(token.toString()).doesNotContain("s3cret").contains("redacted");
    }
}
