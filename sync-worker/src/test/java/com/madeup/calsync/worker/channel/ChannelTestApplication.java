package com.madeup.calsync.worker.channel;

import com.madeup.calsync.worker.config.GoogleConfiguration;
import com.madeup.calsync.worker.config.GoogleProperties;
import java.time.Instant;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Only what channel maintenance needs: the datasource, Liquibase and calendar-store auto-configured,
 * our Google client, and {@link ChannelConfiguration}. Kafka is excluded by the tests' properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(GoogleProperties.class)
@Import({GoogleConfiguration.class, ChannelConfiguration.class})
class ChannelTestApplication {

    /** Shared with the emulator, so both sides see the same moved time. */
    static final MutableClock CLOCK = new MutableClock(Instant.now());

    /** Replaces calendar-store's UTC clock, so tests can move time. */
    @Bean
    MutableClock clock() {
        return CLOCK;
    }
}
