package com.madeup.calsync.ingress.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of webhook-ingress ({@code calsync.ingress.*}).
 *
 * @param channelCacheTtl how long a verified channel is served from memory; a stopped channel may
 *     be accepted for up to this long after it stopped. {@code 0s} disables the cache.
 * @param channelCacheMaxEntries most channels held in the cache
 * @param publishTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param retryAfter the {@code Retry-After} sent with a 503
 * @param commandBodyLimit largest event-command body accepted (413 above)
 * @param sendWindow how long the first record of a burst waits for others before the burst goes to
 *     Kafka (PacedKafkaSender); zero sends as soon as the previous burst is acknowledged
 * @param sendQueueLimit most records waiting for their burst; beyond it requests answer 503 at once
 * @param commandClients the upstream apps allowed to send event commands; none: every command is 401
 * @param benchmarkEndpoint the trivial endpoint used by bench/ingress only
 */
@ConfigurationProperties("calsync.ingress")
@Validated
public record IngressProperties(
        @DefaultValue("30s") @NotNull Duration channelCacheTtl,
        @DefaultValue("10000") @Positive int channelCacheMaxEntries,
        @DefaultValue("5s") @NotNull Duration publishTimeout,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue("64KB") @NotNull DataSize commandBodyLimit,
        @DefaultValue("500us") @NotNull Duration sendWindow,
        @DefaultValue("10000") @Positive int sendQueueLimit,
        List<@Valid CommandClient> commandClients,
        @DefaultValue @Valid BenchmarkEndpoint benchmarkEndpoint) {

    public IngressProperties {
        commandClients = commandClients == null ? List.of() : List.copyOf(commandClients);
        if (channelCacheTtl.isNegative()) {
            throw new IllegalArgumentException("calsync.ingress.channel-cache-ttl must not be negative");
        }
        if (sendWindow.isNegative() || sendWindow.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException(
                    "calsync.ingress.send-window must be between 0 and 100ms, got " + sendWindow);
        }
        if (!publishTimeout.isPositive()) {
            throw new IllegalArgumentException("calsync.ingress.publish-timeout must be positive");
        }
    }

    /**
     * One upstream app allowed to send event commands.
     *
     * @param name recorded in the command's {@code actor.via} as {@code upstream:<name>}
     * @param tokenSha256 hex SHA-256 of the app's bearer token (the plaintext is never configured here)
     */
    public record CommandClient(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}", message = "1 to 100 of A-Z a-z 0-9 . _ -")
            String name,

            String tokenSha256) {

        private static final java.util.regex.Pattern SHA_256_HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

        /**
         * Checked here rather than with {@code @Pattern}: a bean-validation error echoes the rejected
         * value, and a wrong value here is most likely the plaintext token itself.
         */
        public CommandClient {
            if (tokenSha256 == null || !SHA_256_HEX.matcher(tokenSha256).matches()) {
                throw new IllegalArgumentException("calsync.ingress.command-clients: token-sha256 of client '" + name
                        + "' must be 64 hex digits, the SHA-256 of the bearer token (never the token itself)");
            }
        }
    }

    /** @param enabled whether {@code POST /bench/trivial} exists */
    public record BenchmarkEndpoint(@DefaultValue("false") boolean enabled) {}

    /** Bytes of the command body limit, as an int (the limit is far below 2 GiB). */
    public int commandBodyLimitBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 1, commandBodyLimit.toBytes());
    }
}
