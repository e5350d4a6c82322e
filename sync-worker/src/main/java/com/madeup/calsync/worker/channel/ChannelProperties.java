package com.madeup.calsync.worker.channel;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push channel maintenance; prefix {@code calsync.worker.channels}.
 *
 * @param webhookUrl the public URL of webhook-ingress's {@code POST /api/calendar/notifications/create};
 *     required, no default (Google needs HTTPS; the emulator also takes http on loopback)
 * @param enabled whether the scheduled maintenance pass runs at all
 * @param checkInterval pause between the end of one pass and the start of the next
 * @param initialDelay pause before the first pass after startup
 * @param renewAhead an active channel expiring within this margin is replaced
 * @param ttl lifetime asked for in {@code params.ttl}; the provider may grant less
 * @param unsupportedRetryAfter how long a calendar that answered 400 pushNotSupportedForRequestedResource
 *     is not watched again
 * @param stoppedRetention how long rows of stopped (or expired, hence stopped) channels are kept
 *     before the maintenance pass deletes them
 */
@ConfigurationProperties("calsync.worker.channels")
public record ChannelProperties(
        URI webhookUrl,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration checkInterval,
        @DefaultValue("15s") Duration initialDelay,
        @DefaultValue("1h") Duration renewAhead,
        @DefaultValue("7d") Duration ttl,
        @DefaultValue("24h") Duration unsupportedRetryAfter,
        @DefaultValue("7d") Duration stoppedRetention) {

    public ChannelProperties {
        if (webhookUrl == null) {
            throw new IllegalArgumentException("calsync.worker.channels.webhook-url is required: set it (env"
                    + " CALSYNC_WORKER_CHANNELS_WEBHOOK_URL) to the public URL of webhook-ingress's"
                    + " POST /api/calendar/notifications/create");
        }
        if (!"https".equalsIgnoreCase(webhookUrl.getScheme()) && !"http".equalsIgnoreCase(webhookUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "calsync.worker.channels.webhook-url must be an https (or, for the emulator, http) URL, got "
                            + webhookUrl);
        }
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(renewAhead, "renewAhead");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(unsupportedRetryAfter, "unsupportedRetryAfter");
        Objects.requireNonNull(stoppedRetention, "stoppedRetention");
        if (stoppedRetention.isNegative()) {
            throw new IllegalArgumentException("calsync.worker.channels.stopped-retention must not be negative");
        }
        if (ttl.compareTo(renewAhead) <= 0) {
            // Otherwise every new channel would already be due for renewal: a watch call per pass.
            throw new IllegalArgumentException("calsync.worker.channels.ttl (" + ttl
                    + ") must be longer than calsync.worker.channels.renew-ahead (" + renewAhead + ")");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("calsync.worker.channels.check-interval must be positive");
        }
    }
}
