package com.madeup.calsync.ingress;

import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.ingress.config.IngressProperties.BenchmarkEndpoint;
import com.madeup.calsync.ingress.config.IngressProperties.CommandClient;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

public final class TestProperties {

    private TestProperties() {}

    /** Defaults as in application.yml, with a short publish timeout so a silent broker shows fast. */
    public static IngressProperties with(List<CommandClient> clients, DataSize bodyLimit) {
        return new IngressProperties(
                Duration.ofSeconds(30),
                100,
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                bodyLimit,
                Duration.ofNanos(500_000),
                10_000,
                clients,
                new BenchmarkEndpoint(false));
    }

    public static IngressProperties defaults() {
        return with(List.of(), DataSize.ofKilobytes(64));
    }
}
