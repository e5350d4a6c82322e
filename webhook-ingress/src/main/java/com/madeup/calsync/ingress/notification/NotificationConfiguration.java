package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.store.channel.SubscriptionStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    ChannelVerifier channelVerifier(SubscriptionStore store, IngressProperties properties, Clock clock) {
        return new CachingChannelVerifier(
                store, properties.channelCacheTtl(), properties.channelCacheMaxEntries(), clock);
    }

    @Bean
    NotificationMetrics notificationMetrics(MeterRegistry registry) {
        return new NotificationMetrics(registry);
    }
}
