package com.madeup.calsync.writer.command;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CommandOutcome;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventCommandResult;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResultReason;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.store.ledger.LedgerStore;
import com.madeup.calsync.writer.command.HeldCommandStore.HeldCommand;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ends commands that were held longer than the hold limit: each gets a final result, REJECTED with
 * reason {@code needs_reauth} and a message saying it waited too long, recorded in the ledger (so a
 * replay re-publishes that result) and then removed from {@code held_commands}. It never calls the
 * provider.
 *
 * <p>Safe with several writer instances: a batch is claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * two sweeps never take the same command, and the ledger is completed only while the command is
 * still pending, so a command that a re-drive applied meanwhile keeps its APPLIED outcome. Results
 * are published (and acknowledged) before the claim commits: a crash in between re-publishes the
 * same result on the next sweep, never loses it.
 */
public final class HeldCommandExpiry {

    private static final Logger log = LoggerFactory.getLogger(HeldCommandExpiry.class);

    /** Commands expired per transaction (each one published and acknowledged inside it). */
    private static final int BATCH = 100;

    private final HeldCommandStore held;
    private final LedgerStore ledger;
    private final ContractPublisher publisher;
    private final JsonMapper json;
    private final TransactionOperations transactions;
    private final MeterRegistry meters;
    private final Duration maxAge;
    private final Clock clock;
    private final Supplier<UUID> messageIds;

    public HeldCommandExpiry(
            HeldCommandStore held,
            LedgerStore ledger,
            ContractPublisher publisher,
            JsonMapper json,
            TransactionOperations transactions,
            MeterRegistry meters,
            Duration maxAge,
            Clock clock,
            Supplier<UUID> messageIds) {
        this.held = Objects.requireNonNull(held, "held");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.json = Objects.requireNonNull(json, "json");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the hold limit must be positive, was " + maxAge);
        }
    }

    /** The scheduled sweep: expires what is due over all connections; logs instead of throwing. */
    public void sweep() {
        try {
            int expired = expireDue();
            if (expired > 0) {
                log.info("expired {} held command(s) older than {}", expired, maxAge);
            }
        } catch (RuntimeException e) {
            // Nothing is lost: the claim rolled back, the next sweep tries again.
            log.error("sweep of held commands failed; retrying at the next sweep", e);
        }
    }

    /** Expires the held commands of every connection that are past the limit; returns how many. */
    public int expireDue() {
        return expireDue(null);
    }

    /**
     * Expires the held commands past the limit, of one connection ({@code null}: of all); returns
     * how many were answered.
     */
    public int expireDue(UUID connectionId) {
        Instant cutoff = clock.instant().minus(maxAge);
        int answered = 0;
        while (true) {
            Batch batch = Objects.requireNonNull(transactions.execute(status -> expireBatch(cutoff, connectionId)));
            answered += batch.answered();
            if (batch.claimed() < BATCH) {
                return answered;
            }
        }
    }

    /** How many held rows a batch took and how many of them got a result. */
    private record Batch(int claimed, int answered) {}

    private Batch expireBatch(Instant cutoff, UUID connectionId) {
        List<HeldCommand> due = held.lockHeldSince(cutoff, connectionId, BATCH);
        int answered = 0;
        for (HeldCommand command : due) {
            if (expire(command)) {
                answered++;
            }
            held.release(command.commandId());
        }
        return new Batch(due.size(), answered);
    }

    /** Returns whether a result was published (false: it already had an outcome, or is unreadable). */
    private boolean expire(HeldCommand heldCommand) {
        EventCommand command;
        try {
            command = json.readerFor(EventCommand.class).readValue(heldCommand.commandJson());
        } catch (JacksonException unreadable) {
            // We wrote it ourselves, so this is a bug or a downgrade; keeping it would block the sweep.
            log.error(
                    "held command {} cannot be read any more and is dropped without a result",
                    heldCommand.commandId(),
                    unreadable);
            return false;
        }
        EventCommandResult result = new EventCommandResult(
                MessageMeta.create(
                        EventCommandResult.TYPE,
                        EventCommandResult.VERSION,
                        command.meta().connectionId(),
                        clock,
                        messageIds),
                command.commandId(),
                CommandOutcome.REJECTED,
                ResultReason.NEEDS_REAUTH,
                "not applied: held since " + heldCommand.heldAt() + " while the account needed reconnecting,"
                        + " longer than the limit of " + readable(maxAge)
                        + "; reconnect the account and send the change again",
                command.calendarId(),
                command instanceof CreateEventCommand create ? create.effectiveEventId() : command.eventId(),
                null);
        if (!ledger.completePendingCommand(
                command.commandId().value(),
                com.madeup.calsync.store.ledger.CommandOutcome.REJECTED,
                json.writeValueAsString(result))) {
            log.info(
                    "held command {} already has an outcome; removing it from the held commands",
                    heldCommand.commandId());
            return false;
        }
        publisher.publishAndWait(
                Topics.EVENT_COMMAND_RESULT,
                command.meta().connectionId().value().toString(),
                result);
        meters.counter(
                        "calsync.writer.commands",
                        "outcome",
                        CommandOutcome.REJECTED.wire(),
                        "reason",
                        ResultReason.NEEDS_REAUTH.wire())
                .increment();
        log.info(
                "held command {} of connection {} expired after {} (held since {})",
                heldCommand.commandId(),
                heldCommand.connectionId(),
                readable(maxAge),
                heldCommand.heldAt());
        return true;
    }

    /** "7 days", "36 hours", "90 minutes" or "45 seconds": for the result message a user reads. */
    static String readable(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toSeconds() % 3_600 == 0) {
            return plural(duration.toHours(), "hour");
        }
        if (duration.toSeconds() % 60 == 0) {
            return plural(duration.toMinutes(), "minute");
        }
        return plural(duration.toSeconds(), "second");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
