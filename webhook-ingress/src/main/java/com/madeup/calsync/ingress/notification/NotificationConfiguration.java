package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.store.channel.SubscriptionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    ChannelVerifier channelVerifier(SubscriptionStore store, IngressProperties properties, Clock clock) {
        return new CachingChannelVerifier(
                store, properties.channelCacheTtl(), properties.channelCacheMaxEntries(), clock);
    }

    /**
     * Leaves push notifications out of Boot's {@code http.server.requests}: their own meters count every
     * outcome and time the wait for Kafka, and the generic observation cost about 6 µs of CPU per
     * notification (tags and meter lookup per request, and an async listener to end it).
     */
    @Bean
    ObservationPredicate notificationsOutOfServerObservations() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && NotificationController.PATH.equals(server.getCarrier().getRequestURI()));
    }

    @Bean
    NotificationMetrics notificationMetrics(MeterRegistry registry) {
        return new NotificationMetrics(registry);
    }
}
