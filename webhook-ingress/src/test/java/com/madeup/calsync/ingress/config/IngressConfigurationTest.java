package com.madeup.calsync.ingress.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class IngressConfigurationTest {

    @Test
    void startupNeedsABrokerAddress() {
        assertThatThrownBy(() -> IngressConfiguration.requireBootstrapServers(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.kafka.bootstrap-servers is required");
        assertThatThrownBy(() -> IngressConfiguration.requireBootstrapServers(
                        new MockEnvironment().withProperty("spring.kafka.bootstrap-servers", " ")))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> IngressConfiguration.requireBootstrapServers(
                        new MockEnvironment().withProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092")))
                .doesNotThrowAnyException();
    }
}
