package com.madeup.calsync.worker.reconcile;

import com.madeup.calsync.worker.channel.MutableClock;
import java.time.Instant;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The datasource, calendar-store, messaging and Kafka auto-configured, plus {@link ReconcileConfiguration}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReconcileConfiguration.class)
class ReconcileTestApplication {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @Bean
    MutableClock clock() {
        return CLOCK;
    }
}
