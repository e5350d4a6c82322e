package com.madeup.calsync.store.config;

import com.madeup.calsync.store.account.StoreConversions;
import com.madeup.calsync.store.channel.SubscriptionStore;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.ledger.LedgerStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.TokenCipher;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires calendar-store into any Spring Boot app that has it on the classpath: the stores, the
 * token cipher, and the Spring Data JDBC repositories of {@code com.madeup.calsync.store}. Boot's
 * Liquibase auto-configuration runs the changelog before these beans touch the database.
 *
 * <p>The repositories are enabled by adding this module's package to Boot's auto-configuration
 * packages rather than with {@code @EnableJdbcRepositories}: the latter would switch off Boot's
 * repository scanning of the app's own package.
 */
@AutoConfiguration(
        after = {JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = DataJdbcRepositoriesAutoConfiguration.class)
@EnableConfigurationProperties(StoreProperties.class)
@Import(CalendarStoreAutoConfiguration.StorePackage.class)
public class CalendarStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TokenCipher tokenCipher(StoreProperties properties) {
        StoreProperties.TokenEncryption encryption = properties.tokenEncryption();
        try {
            return new TokenCipher(encryption.key(), encryption.previousKeys(), new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid calsync.store.token-encryption: " + e.getMessage(), e);
        }
    }

    /** Our enum converters; an app with its own conversions adds {@link StoreConversions#converters()}. */
    @Bean
    @ConditionalOnMissingBean
    JdbcCustomConversions jdbcCustomConversions() {
        return new JdbcCustomConversions(StoreConversions.converters());
    }

    @Bean
    CalendarEventStore calendarEventStore(
            JdbcTemplate jdbcTemplate,
            PlatformTransactionManager transactionManager,
            Clock clock,
            StoreProperties properties) {
        return new CalendarEventStore(
                jdbcTemplate, new TransactionTemplate(transactionManager), clock, properties.upsertChunkSize());
    }

    @Bean
    OAuthTokenStore oauthTokenStore(JdbcTemplate jdbcTemplate, TokenCipher tokenCipher, Clock clock) {
        return new OAuthTokenStore(jdbcTemplate, tokenCipher, clock);
    }

    @Bean
    ConnectionTokens connectionTokens(
            JdbcTemplate jdbcTemplate,
            PlatformTransactionManager transactionManager,
            OAuthTokenStore oauthTokenStore,
            Clock clock,
            StoreProperties properties) {
        return new ConnectionTokens(
                jdbcTemplate,
                new TransactionTemplate(transactionManager),
                oauthTokenStore,
                clock,
                properties.tokenRefreshAhead());
    }

    @Bean
    SubscriptionStore subscriptionStore(JdbcTemplate jdbcTemplate, Clock clock) {
        return new SubscriptionStore(jdbcTemplate, clock);
    }

    @Bean
    LedgerStore ledgerStore(JdbcTemplate jdbcTemplate, Clock clock) {
        return new LedgerStore(jdbcTemplate, clock);
    }

    /** Adds this module's package to the packages Boot scans for Spring Data JDBC repositories. */
    static class StorePackage implements ImportBeanDefinitionRegistrar {
        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AutoConfigurationPackages.register(registry, "com.madeup.calsync.store");
        }
    }
}
