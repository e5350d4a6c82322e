package com.madeup.calsync.ingress.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Rfc1123Test {

    @Test
    void readsGooglesFormLikeTheJdkFormatter() {
        for (String value : new String[] {
            "Tue, 19 Nov 2013 01:13:52 GMT", "Sun, 01 Jan 2040 00:00:00 GMT", "Fri, 31 Dec 2027 23:59:59 GMT"
        }) {
            assertThat(Rfc1123.parseGmt(value))
                    .isEqualTo(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant());
        }
    }

    @Test
    void leavesOtherFormsToTheFormatterAndRejectsImpossibleDates() {
        assertThat(Rfc1123.parseGmt("Tue, 9 Nov 2013 01:13:52 GMT")).isNull();
        assertThat(Rfc1123.parseGmt("Tue, 19 Nov 2013 01:13:52 +0100")).isNull();
        assertThat(Rfc1123.parseGmt("Tue, 19 Foo 2013 01:13:52 GMT")).isNull();
        assertThat(Rfc1123.parseGmt("Xyz, 19 Nov 2013 01:13:52 GMT")).isNull();
        assertThat(Rfc1123.parseGmt("Tue, 1a Nov 2013 01:13:52 GMT")).isNull();
        assertThatThrownBy(() -> Rfc1123.parseGmt("Tue, 31 Feb 2013 01:13:52 GMT"))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Rfc1123.parseGmt("Mon, 19 Nov 2013 01:13:52 GMT"))
                .as("wrong weekday")
                .isInstanceOf(DateTimeException.class);
        assertThat(NotificationHeaders.read(name -> switch (name) {
                            case NotificationHeaders.CHANNEL_ID -> "c";
                            case NotificationHeaders.RESOURCE_ID -> "r";
                            case NotificationHeaders.RESOURCE_STATE -> "exists";
                            case NotificationHeaders.MESSAGE_NUMBER -> "1";
                            case NotificationHeaders.CHANNEL_EXPIRATION -> "Sat, 9 Nov 2013 01:13:52 GMT";
                            default -> null;
                        })
                        .channelExpiration())
                .isEqualTo(Instant.parse("2013-11-09T01:13:52Z"));
    }

    @Test
    void messageIdsAreVersion4Uuids() {
        UUID id = NotificationController.messageId();

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(NotificationController.messageId()).isNotEqualTo(id);
    }
}
