package com.madeup.calsync.worker.sync;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.spring.GoogleTokenRefresher;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.worker.calendars.CalendarListSync;
import com.madeup.calsync.worker.token.AuthorizedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the sync classes (plain classes built with {@code new}) and the listeners. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean
    AuthorizedCalls authorizedCalls(ConnectionTokens tokens, GoogleTokenRefresher refresher) {
        return new AuthorizedCalls(tokens, refresher);
    }

    @Bean
    CalendarSync calendarSync(
            CalendarApi api,
            AuthorizedCalls authorized,
            CalendarEventStore events,
            CalendarRepository calendars,
            JdbcTemplate jdbc,
            KafkaTemplate<Object, Object> kafka,
            Clock clock,
            SyncProperties properties,
            PlatformTransactionManager transactionManager,
            ExecutorService syncExecutor,
            SyncMetrics syncMetrics) {
        return new CalendarSync(
                api,
                authorized,
                events,
                calendars,
                jdbc,
                new ChangeSender(kafka),
                clock,
                UUID::randomUUID,
                properties.publishTimeout(),
                new TransactionTemplate(transactionManager),
                syncExecutor,
                syncMetrics);
    }

    @Bean
    SyncMetrics syncMetrics(ObjectProvider<MeterRegistry> meterRegistry, JdbcTemplate jdbc, Clock clock) {
        return new SyncMetrics(meterRegistry.getIfAvailable(), jdbc, clock);
    }

    @Bean
    SyncLagRefresh syncLagRefresh(SyncMetrics syncMetrics) {
        return new SyncLagRefresh(syncMetrics);
    }

    /**
     * Threads for storing pages behind the fetch, and for the calendars of one request synced side
     * by side. Virtual threads: they mostly wait for HTTP, PostgreSQL and Kafka acknowledgements; the
     * bounds are the per-request parallelism and one page in store per pass.
     */
    /** Wakes trailing passes up (they then run on {@link #syncExecutor}). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService syncTimer() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sync-timer").daemon().factory());
    }

    @Bean(destroyMethod = "close")
    ExecutorService syncExecutor() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sync-", 0).factory());
    }

    @Bean
    CalendarListSync calendarListSync(
            CalendarApi api,
            AuthorizedCalls authorized,
            CalendarRepository calendars,
            ProviderConnectionRepository connections,
            Clock clock) {
        return new CalendarListSync(api, authorized, calendars, connections, clock);
    }

    @Bean
    SyncCoordinator syncCoordinator(
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            CalendarSync calendarSync,
            CalendarListSync calendarListSync,
            Clock clock,
            SyncProperties properties,
            ExecutorService syncExecutor,
            ScheduledExecutorService syncTimer) {
        return new SyncCoordinator(
                connections,
                calendars,
                calendarSync,
                calendarListSync,
                clock,
                properties.coolDown(),
                properties.maxCoolDown(),
                properties.calendarParallelism(),
                syncExecutor,
                syncTimer);
    }

    @Bean
    SyncListeners syncListeners(SyncCoordinator coordinator) {
        return new SyncListeners(coordinator);
    }
}
