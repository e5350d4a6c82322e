package com.madeup.calsync.worker.config;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.google.GoogleClientConfig;
import com.madeup.calsync.provider.google.GoogleProvider;
import com.madeup.calsync.provider.http.RetryBudget;
import com.madeup.calsync.provider.http.RetryingCaller;
import com.madeup.calsync.worker.token.GoogleTokenRefresher;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds our Google client from {@link GoogleProperties}. */
@Configuration(proxyBeanMethods = false)
public class GoogleConfiguration {

    @Bean(destroyMethod = "close")
    GoogleProvider googleProvider(GoogleProperties properties, Clock clock) {
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
        // Pages of one sync pass are retried inside the pass; whole passes are retried by Kafka.
        return new GoogleProvider(config, new RetryingCaller(RetryBudget.defaults(), new SecureRandom()), clock);
    }

    @Bean
    CalendarApi calendarApi(GoogleProvider provider) {
        return provider.calendarApi();
    }

    @Bean
    OAuthApi oauthApi(GoogleProvider provider) {
        return provider.oauthApi();
    }

    @Bean
    GoogleTokenRefresher googleTokenRefresher(OAuthApi oauthApi) {
        return new GoogleTokenRefresher(oauthApi);
    }
}
