package com.madeup.calsync.writer.config;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.google.GoogleClientConfig;
import com.madeup.calsync.provider.google.GoogleProvider;
import com.madeup.calsync.provider.http.RetryingCaller;
import com.madeup.calsync.writer.token.GoogleTokenRefresher;
import java.net.URI;
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
        // The writer lists no pages; its single calls are retried by ProviderCalls with its own budget.
        return new GoogleProvider(config, RetryingCaller.none(), clock);
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
