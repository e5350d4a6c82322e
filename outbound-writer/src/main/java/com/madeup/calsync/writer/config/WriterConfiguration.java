package com.madeup.calsync.writer.config;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.http.RetryBudget;
import com.madeup.calsync.provider.http.RetryingCaller;
import com.madeup.calsync.provider.http.UserRateLimiter;
import com.madeup.calsync.provider.spring.GoogleTokenRefresher;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.PersonRepository;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.account.UserRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.ledger.LedgerStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.writer.command.BeforeStoreCommit;
import com.madeup.calsync.writer.command.CommandHandler;
import com.madeup.calsync.writer.command.CommandListener;
import com.madeup.calsync.writer.command.HeldCommandExpiry;
import com.madeup.calsync.writer.command.HeldCommandStore;
import com.madeup.calsync.writer.command.ProviderCalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the command pipeline from plain classes. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class WriterConfiguration {

    @Bean
    HeldCommandStore heldCommandStore(JdbcTemplate jdbc, Clock clock) {
        return new HeldCommandStore(jdbc, clock);
    }

    @Bean
    HeldCommandExpiry heldCommandExpiry(
            HeldCommandStore held,
            LedgerStore ledger,
            ContractPublisher publisher,
            JsonMapper json,
            TransactionTemplate transactions,
            MeterRegistry meters,
            WriterProperties properties,
            Clock clock) {
        return new HeldCommandExpiry(
                held,
                ledger,
                publisher,
                json,
                transactions,
                meters,
                properties.heldCommands().maxAge(),
                clock,
                UUID::randomUUID);
    }

    /** Runs the expiry sweep every {@code calsync.writer.held-commands.sweep-interval}. */
    @Bean
    SchedulingConfigurer heldCommandSweep(HeldCommandExpiry expiry, WriterProperties properties) {
        Duration interval = properties.heldCommands().sweepInterval();
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(expiry::sweep, interval, interval));
    }

    /** {@code calsync.writer.commands.held}: commands waiting for their connection to be re-authorized. */
    @Bean
    MeterBinder heldCommandsGauge(HeldCommandStore held) {
        return registry -> Gauge.builder("calsync.writer.commands.held", held, WriterConfiguration::heldCount)
                .description("event commands held until their connection is re-authorized (all instances)")
                .strongReference(true)
                .register(registry);
    }

    private static double heldCount(HeldCommandStore held) {
        try {
            return held.count();
        } catch (DataAccessException unavailable) {
            // A scrape must not fail because the database is away; NaN shows "unknown".
            return Double.NaN;
        }
    }

    @Bean
    ProviderCalls providerCalls(WriterProperties properties, ConnectionTokens tokens, GoogleTokenRefresher refresher) {
        var retry = properties.retry();
        var limit = properties.rateLimit();
        return new ProviderCalls(
                new RetryingCaller(
                        new RetryBudget(retry.maxAttempts(), retry.initialDelay(), retry.maxDelay()),
                        new SecureRandom()),
                new UserRateLimiter(limit.permitsPerPeriod(), limit.period(), limit.maxWait()),
                tokens,
                refresher);
    }

    @Bean
    CommandHandler commandHandler(
            WriterProperties properties,
            UserRepository users,
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            PersonRepository persons,
            CalendarEventStore events,
            LedgerStore ledger,
            HeldCommandStore held,
            HeldCommandExpiry expiry,
            ConnectionTokens tokens,
            GoogleTokenRefresher refresher,
            CalendarApi google,
            ProviderCalls calls,
            ContractPublisher publisher,
            JsonMapper json,
            TransactionTemplate transactions,
            ObjectProvider<BeforeStoreCommit> beforeStoreCommit,
            MeterRegistry meters,
            Clock clock) {
        return new CommandHandler(
                new CommandHandler.Repositories(users, connections, calendars, persons),
                events,
                ledger,
                held,
                expiry,
                tokens,
                refresher,
                google,
                calls,
                publisher,
                json,
                transactions,
                beforeStoreCommit.getIfAvailable(() -> BeforeStoreCommit.NOTHING),
                meters,
                clock,
                UUID::randomUUID,
                properties.sendUpdates());
    }

    @Bean
    CommandListener commandListener(CommandHandler handler) {
        return new CommandListener(handler);
    }
}
