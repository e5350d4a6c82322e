package com.madeup.calsync.worker.reconcile;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.worker.channel.PassLock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires {@link QuietCalendarReconcile} and its schedule (see sync-worker/CHANNELS.md). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ReconcileProperties.class)
public class ReconcileConfiguration {

    @Bean
    QuietCalendarReconcile quietCalendarReconcile(
            JdbcTemplate jdbcTemplate,
            ContractPublisher contractPublisher,
            DataSource dataSource,
            ReconcileProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry,
            Clock clock) {
        return new QuietCalendarReconcile(
                jdbcTemplate,
                contractPublisher,
                new PassLock(dataSource, PassLock.RECONCILE),
                properties,
                meterRegistry.getIfAvailable(),
                clock,
                UUID::randomUUID);
    }

    @Bean
    @ConditionalOnProperty(name = "calsync.worker.reconcile.enabled", havingValue = "true", matchIfMissing = true)
    ReconcileTrigger reconcileTrigger(QuietCalendarReconcile quietCalendarReconcile) {
        return new ReconcileTrigger(quietCalendarReconcile);
    }
}
