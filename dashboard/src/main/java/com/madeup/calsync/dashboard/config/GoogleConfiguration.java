package com.madeup.calsync.dashboard.config;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.google.GoogleClientConfig;
import com.madeup.calsync.provider.google.GoogleProvider;
import com.madeup.calsync.provider.http.RetryBudget;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.net.URI;
import java.time.Clock;
import java.util.SplittableRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Google client the dashboard uses: OAuth (connect, disconnect) and calendarList only. */
@Configuration(proxyBeanMethods = false)
class GoogleConfiguration {

    @Bean(destroyMethod = "close")
    GoogleProvider googleProvider(GoogleProperties properties, Clock clock) {
        String root = properties.apiBaseUrl().toString().replaceAll("/+$", "");
        GoogleClientConfig config = new GoogleClientConfig(
                URI.create(root + "/calendar/v3/"),
                properties.authUrl(),
                properties.tokenUrl(),
                properties.revokeUrl(),
                properties.clientId(),
                properties.clientSecret(),
                GoogleClientConfig.DEFAULT_CONNECT_TIMEOUT,
                // A user waits on these calls in the browser: fail fast rather than hang.
                java.time.Duration.ofSeconds(15),
                "calsync-dashboard/0.1");
        return new GoogleProvider(config, new RetryingCaller(RetryBudget.defaults(), new SplittableRandom()), clock);
    }

    @Bean
    OAuthApi oauthApi(GoogleProvider provider) {
        return provider.oauthApi();
    }

    @Bean
    CalendarApi calendarApi(GoogleProvider provider) {
        return provider.calendarApi();
    }
}
