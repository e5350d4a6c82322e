package com.madeup.calsync.worker.channel;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.spring.GoogleTokenRefresher;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.channel.SubscriptionStore;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.OAuthTokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires {@link ChannelMaintenance} and its schedule (see sync-worker/CHANNELS.md). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ChannelProperties.class)
public class ChannelConfiguration {

    @Bean
    ChannelMaintenance channelMaintenance(
            SubscriptionStore subscriptionStore,
            CalendarRepository calendarRepository,
            ConnectionTokens connectionTokens,
            GoogleTokenRefresher googleTokenRefresher,
            OAuthTokenStore oauthTokenStore,
            CalendarApi calendarApi,
            JdbcTemplate jdbcTemplate,
            DataSource dataSource,
            ChannelProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry,
            Clock clock) {
        return new ChannelMaintenance(
                subscriptionStore,
                calendarRepository,
                connectionTokens,
                googleTokenRefresher,
                oauthTokenStore,
                calendarApi,
                jdbcTemplate,
                new PassLock(dataSource, PassLock.CHANNEL_MAINTENANCE),
                properties,
                new ChannelMetrics(meterRegistry.getIfAvailable()),
                new SecureRandom(),
                clock);
    }

    @Bean
    @ConditionalOnProperty(name = "calsync.worker.channels.enabled", havingValue = "true", matchIfMissing = true)
    ChannelMaintenanceTrigger channelMaintenanceTrigger(ChannelMaintenance channelMaintenance) {
        return new ChannelMaintenanceTrigger(channelMaintenance);
    }
}
