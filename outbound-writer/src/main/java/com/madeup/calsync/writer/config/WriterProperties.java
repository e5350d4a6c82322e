package com.madeup.calsync.writer.config;

import com.madeup.calsync.provider.SendUpdates;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbound writer talks to the provider; prefix {@code calsync.writer}.
 *
 * @param retry retries of one provider call (transient errors and rate limits)
 * @param rateLimit calls per connection, kept under the provider's per-user quota
 * @param heldCommands how long commands of a connection that needs re-authorization are kept
 * @param sendUpdates whom Google notifies about our inserts, patches and deletes: {@code all}
 *     (invitations and updates to every guest, the default), {@code externalOnly} or {@code none};
 *     any other value fails startup
 */
@Validated
@ConfigurationProperties("calsync.writer")
public record WriterProperties(
        @DefaultValue @Valid @NotNull Retry retry,
        @DefaultValue @Valid @NotNull RateLimit rateLimit,
        @DefaultValue @Valid @NotNull HeldCommands heldCommands,
        @DefaultValue("all") @NotNull SendUpdates sendUpdates) {

    /**
     * @param maxAttempts attempts per provider call, the first included
     * @param initialDelay first back-off (doubled per attempt, with jitter)
     * @param maxDelay longest back-off; a Retry-After beyond it ends the retries
     */
    public record Retry(
            @DefaultValue("4") @Min(1) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialDelay,
            @DefaultValue("30s") @NotNull Duration maxDelay) {}

    /**
     * Google allows 600 calls per user per minute; 8 per second (480 per minute) leaves room for the
     * sync worker's reads of the same user.
     *
     * @param permitsPerPeriod calls per connection per period
     * @param period the period
     * @param maxWait how long a call waits for a permit before it counts as rate limited (and is retried)
     */
    public record RateLimit(
            @DefaultValue("8") @Min(1) int permitsPerPeriod,
            @DefaultValue("1s") @NotNull Duration period,
            @DefaultValue("10s") @NotNull Duration maxWait) {}

    /**
     * A command held longer than {@code maxAge} (counted from when it was first held) is not applied
     * any more: it is answered REJECTED / {@code needs_reauth} and recorded so in the ledger. A user
     * who reconnects after a week should not see week-old edits appear at Google.
     *
     * @param maxAge how long a command may wait for its connection to be re-authorized
     * @param sweepInterval how often the writer looks for held commands past {@code maxAge}
     */
    public record HeldCommands(
            @DefaultValue("7d") @NotNull Duration maxAge,
            @DefaultValue("10m") @NotNull Duration sweepInterval) {}
}
