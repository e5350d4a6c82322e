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
import com.madeup.calsync.writer.command.CommandHandler;
import com.madeup.calsync.writer.command.CommandListener;
import com.madeup.calsync.writer.command.HeldCommandStore;
import com.madeup.calsync.writer.command.ProviderCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the command pipeline from plain classes. */
@Configuration(proxyBeanMethods = false)
public class WriterConfiguration {

    @Bean
    HeldCommandStore heldCommandStore(JdbcTemplate jdbc, Clock clock) {
        return new HeldCommandStore(jdbc, clock);
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
            ConnectionTokens tokens,
            GoogleTokenRefresher refresher,
            CalendarApi google,
            ProviderCalls calls,
            ContractPublisher publisher,
            JsonMapper json,
            TransactionTemplate transactions,
            MeterRegistry meters,
            Clock clock) {
        return new CommandHandler(
                new CommandHandler.Repositories(users, connections, calendars, persons),
                events,
                ledger,
                held,
                tokens,
                refresher,
                google,
                calls,
                publisher,
                json,
                transactions,
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
