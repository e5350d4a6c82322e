package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.http.CallObserver;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Builds Google's {@link CalendarApi} and {@link OAuthApi} over one shared {@link HttpTransport}.
 * Close it to release the transport.
 */
public final class GoogleProvider implements AutoCloseable {

    private final HttpTransport transport;
    private final CalendarApi calendarApi;
    private final OAuthApi oauthApi;

    public GoogleProvider(GoogleClientConfig config, RetryingCaller pageRetry, Clock clock) {
        this(config, pageRetry, clock, CallObserver.NONE);
    }

    /** @param observer told about every finished HTTP call (metrics); {@link CallObserver#NONE} for none */
    public GoogleProvider(GoogleClientConfig config, RetryingCaller pageRetry, Clock clock, CallObserver observer) {
        this.transport = HttpTransport.create(
                config.connectTimeout(), config.requestTimeout(), config.userAgent(), clock, observer);
        this.calendarApi = new GoogleCalendarApi(config, transport, pageRetry);
        this.oauthApi = new GoogleOAuthApi(config, transport, clock, new SecureRandom());
    }

    public CalendarApi calendarApi() {
        return calendarApi;
    }

    public OAuthApi oauthApi() {
        return oauthApi;
    }

    @Override
    public void close() {
        transport.close();
    }
}
