package com.madeup.calsync.writer.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeldCommandExpiryTest {

    @Test
    void theLimitIsWrittenForPeopleInTheResultMessage() {
        assertThat(HeldCommandExpiry.readable(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(HeldCommandExpiry.readable(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(HeldCommandExpiry.readable(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(HeldCommandExpiry.readable(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(HeldCommandExpiry.readable(Duration.ofSeconds(45))).isEqualTo("45 seconds");
    }
}
