package com.madeup.calsync.worker.sync;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.spring.GoogleTokenRefresher;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.worker.calendars.CalendarListSync;
import com.madeup.calsync.worker.token.AuthorizedCalls;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
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
            ContractPublisher publisher,
            Clock clock,
            SyncProperties properties,
            PlatformTransactionManager transactionManager) {
        return new CalendarSync(
                api,
                authorized,
                events,
                calendars,
                jdbc,
                publisher,
                clock,
                UUID::randomUUID,
                properties.publishTimeout(),
                new TransactionTemplate(transactionManager));
    }

    @Bean
    CalendarListSync calendarListSync(
            CalendarApi api, AuthorizedCalls authorized, CalendarRepository calendars, Clock clock) {
        return new CalendarListSync(api, authorized, calendars, clock);
    }

    @Bean
    SyncCoordinator syncCoordinator(
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            CalendarSync calendarSync,
            CalendarListSync calendarListSync,
            Clock clock,
            SyncProperties properties) {
        return new SyncCoordinator(
                connections, calendars, calendarSync, calendarListSync, clock, properties.minPassInterval());
    }

    @Bean
    SyncListeners syncListeners(SyncCoordinator coordinator) {
        return new SyncListeners(coordinator);
    }
}
