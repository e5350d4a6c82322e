package com.madeup.calsync.provider.spring;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.google.GoogleClientConfig;
import com.madeup.calsync.provider.google.GoogleProvider;
import com.madeup.calsync.provider.http.CallObserver;
import com.madeup.calsync.provider.http.RetryBudget;
import com.madeup.calsync.provider.http.RetryingCaller;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Our Google client for every app that calls Google, built from {@link GoogleProperties}
 * ({@code calsync.google.*}), and the token refresher that {@code ConnectionTokens} uses. An app adds
 * this module and gets {@link CalendarApi}, {@link OAuthApi} and {@link GoogleTokenRefresher} beans,
 * and a timer of every provider call when it has a {@link MeterRegistry}.
 */
@AutoConfiguration
@EnableConfigurationProperties(GoogleProperties.class)
public class GoogleClientAutoConfiguration {

    /**
     * Times every provider call as {@code calsync.provider.calls} (tags {@code operation},
     * {@code outcome}) when the app has a {@link MeterRegistry}; otherwise observes nothing.
     */
    @Bean
    @ConditionalOnMissingBean
    CallObserver providerCallObserver(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? CallObserver.NONE : new MicrometerCallObserver(meters);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    GoogleProvider googleProvider(GoogleProperties properties, Clock clock, CallObserver observer) {
        String root = properties.apiBaseUrl().toString().replaceAll("/+$", "");
        var config = new GoogleClientConfig(
                URI.create(root + "/calendar/v3/"),
                properties.authUrl(),
                properties.tokenUrl(),
                properties.revokeUrl(),
                properties.clientId(),
                new ClientSecret(properties.clientSecret()),
                properties.connectTimeout(),
                properties.requestTimeout(),
                GoogleClientConfig.DEFAULT_USER_AGENT);
        // Pages of one sync pass are retried inside the pass (only the sync worker lists pages; single
        // calls are retried by their callers with their own budgets).
        return new GoogleProvider(
                config, new RetryingCaller(RetryBudget.defaults(), new SecureRandom()), clock, observer);
    }

    @Bean
    @ConditionalOnMissingBean
    CalendarApi calendarApi(GoogleProvider provider) {
        return provider.calendarApi();
    }

    @Bean
    @ConditionalOnMissingBean
    OAuthApi oauthApi(GoogleProvider provider) {
        return provider.oauthApi();
    }

    @Bean
    @ConditionalOnMissingBean
    GoogleTokenRefresher googleTokenRefresher(OAuthApi oauthApi) {
        return new GoogleTokenRefresher(oauthApi);
    }
}
