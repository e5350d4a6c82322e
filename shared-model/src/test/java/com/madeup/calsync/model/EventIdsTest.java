package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void theSameCommandIdAlwaysGivesTheSameEventId() {
        CommandId command = CommandId.of("e2a4c6e8-0b1d-4f3a-9c5e-7a9b1d3f5a7c");

        assertThat(EventIds.fromCommand(command)).isEqualTo(EventIds.fromCommand(CommandId.of(command.toString())));
        assertThat(EventIds.fromCommand(command).value()).isEqualTo("saicdq0b3l7jl72ufadhqfqqfg");
    }

    @Test
    void derivedIdsUseGooglesAlphabetAndLength() {
        for (int i = 0; i < 1000; i++) {
            String id = EventIds.fromCommand(
                            new CommandId(UUID.nameUUIDFromBytes(("cmd-" + i).getBytes(StandardCharsets.UTF_8))))
                    .value();

            assertThat(id).hasSize(26).matches("[0-9a-v]+");
            assertThat(EventIds.isValidClientId(id)).isTrue();
        }
    }

    @Test
    void differentCommandIdsGiveDifferentEventIds() {
        assertThat(EventIds.fromCommand(CommandId.of("00000000-0000-0000-0000-000000000001")))
                .isNotEqualTo(EventIds.fromCommand(CommandId.of("00000000-0000-0000-0000-000000000002")));
    }

    @Test
    void base32hexMatchesTheRfc4648TestVectors() {
        // RFC 4648 section 10 (base32hex), lower case without padding; cross-checked with Python's b32hexencode.
        assertThat(EventIds.base32hex("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("co");
        assertThat(EventIds.base32hex("foo".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("cpnmu");
        assertThat(EventIds.base32hex("foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("cpnmuoj1e8");
        assertThat(EventIds.fromCommand(CommandId.of("00000000-0000-0000-0000-000000000000"))
                        .value())
                .isEqualTo("0".repeat(26));
        assertThat(EventIds.fromCommand(CommandId.of("ffffffff-ffff-ffff-ffff-ffffffffffff"))
                        .value())
                .isEqualTo("v".repeat(25) + "s");
    }

    @Test
    void clientIdValidityFollowsGooglesRule() {
        assertThat(EventIds.isValidClientId("abcv0")).isTrue();
        assertThat(EventIds.isValidClientId("abc9")).as("too short").isFalse();
        assertThat(EventIds.isValidClientId("abcdw")).as("w is not base32hex").isFalse();
        assertThat(EventIds.isValidClientId("ABCDE")).as("upper case").isFalse();
        assertThat(EventIds.isValidClientId("a".repeat(1024))).isTrue();
        assertThat(EventIds.isValidClientId("a".repeat(1025))).isFalse();
        assertThat(EventIds.isValidClientId(null)).isFalse();
    }
}
