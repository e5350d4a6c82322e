package com.madeup.calsync.worker.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ChannelPropertiesTest {

    @Test
    void defaultsApplyAndOnlyTheWebhookUrlIsRequired() {
        ChannelProperties properties =
                bind(Map.of("calsync.worker.channels.webhook-url", "https://hooks.example.com/x"));

        assertThat(properties.webhookUrl()).isEqualTo(URI.create("https://hooks.example.com/x"));
        assertThat(properties.enabled()).isTrue();
        assertThat(properties.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.renewAhead()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.unsupportedRetryAfter()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void missingWebhookUrlFailsNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("calsync.worker.channels.ttl", "7d")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("calsync.worker.channels.webhook-url is required");
    }

    @Test
    void ttlNotLongerThanRenewAheadIsRejected() {
        assertThatThrownBy(() -> bind(Map.of(
                        "calsync.worker.channels.webhook-url", "https://hooks.example.com/x",
                        "calsync.worker.channels.ttl", "1h")))
                .rootCause()
                .hasMessageContaining("must be longer than calsync.worker.channels.renew-ahead");
    }

    private static ChannelProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("calsync.worker.channels", ChannelProperties.class);
    }
}
