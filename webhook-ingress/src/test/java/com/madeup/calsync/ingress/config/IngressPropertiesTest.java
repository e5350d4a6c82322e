package com.madeup.calsync.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class IngressPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void defaultsNeedNoConfiguration() {
        runner.run(context -> {
            IngressProperties properties = context.getBean(IngressProperties.class);
            assertThat(properties.channelCacheTtl()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.commandBodyLimitBytes()).isEqualTo(64 * 1024);
            assertThat(properties.commandClients()).isEmpty();
            assertThat(properties.benchmarkEndpoint().enabled()).isFalse();
            assertThat(properties.sendWindow()).isEqualTo(Duration.ofNanos(500_000));
            assertThat(properties.sendQueueLimit()).isEqualTo(10_000);
        });
    }

    @Test
    void aSendWindowAbove100msFailsStartup() {
        runner.withPropertyValues("calsync.ingress.send-window=1s")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("calsync.ingress.send-window must be between 0 and 100ms"));
    }

    @Test
    void aClientHashThatIsNotSha256HexFailsStartupNamingTheProperty() {
        runner.withPropertyValues(
                        "calsync.ingress.command-clients[0].name=billing",
                        "calsync.ingress.command-clients[0].token-sha256=plaintext-secret")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("token-sha256 of client 'billing' must be 64 hex digits");
                    for (Throwable failure = context.getStartupFailure();
                            failure != null;
                            failure = failure.getCause()) {
                        assertThat(String.valueOf(failure.getMessage())).doesNotContain("plaintext-secret");
                    }
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IngressProperties.class)
    static class Bind {}
}
