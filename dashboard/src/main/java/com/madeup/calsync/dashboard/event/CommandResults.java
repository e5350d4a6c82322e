package com.madeup.calsync.dashboard.event;

import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.EventCommandResult;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.store.ledger.HandledCommand;
import com.madeup.calsync.store.ledger.LedgerStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Recent command results by command id. Fed by {@link Topics#EVENT_COMMAND_RESULT} in a consumer
 * group of its own per instance (every instance sees every result, from the latest offset); the
 * writer's {@code handled_commands} ledger answers for results this instance did not see.
 */
@Component
public class CommandResults {

    private static final int KEEP = 2000;

    private final LedgerStore ledger;
    private final Map<CommandId, EventCommandResult> recent =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CommandId, EventCommandResult> eldest) {
                    return size() > KEEP;
                }
            });
    private final Map<CommandId, Long> issuedBy = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CommandId, Long> eldest) {
            return size() > KEEP;
        }
    });

    CommandResults(LedgerStore ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(
            id = "dashboard-command-results",
            topics = Topics.EVENT_COMMAND_RESULT,
            groupId = "calsync-dashboard-results-#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void on(EventCommandResult result) {
        // A later result for the same command (HELD, then APPLIED) replaces the earlier one.
        recent.put(result.commandId(), result);
    }

    void issued(CommandId commandId, long userId) {
        issuedBy.put(commandId, userId);
    }

    /** Whether this user sent the command (here, or as recorded in the ledger). */
    boolean issuedBy(CommandId commandId, long userId) {
        Long issuer = issuedBy.get(commandId);
        if (issuer != null) {
            return issuer == userId;
        }
        return ledger.findCommand(commandId.value())
                .map(HandledCommand::actorUserId)
                .map(actor -> actor == userId)
                .orElse(false);
    }

    /** The latest known status: a result message, else the ledger, else pending. */
    CommandStatus status(CommandId commandId) {
        EventCommandResult result = recent.get(commandId);
        if (result != null) {
            return new CommandStatus(
                    result.outcome().wire(),
                    result.reason() == null ? null : result.reason().wire(),
                    result.message(),
                    result.eventId() == null ? null : result.eventId().value(),
                    result.calendarId().value());
        }
        Optional<HandledCommand> handled = ledger.findCommand(commandId.value());
        return handled.filter(h -> h.outcome() != com.madeup.calsync.store.ledger.CommandOutcome.PENDING)
                .map(h -> new CommandStatus(
                        h.outcome().name().toLowerCase(java.util.Locale.ROOT), null, null, null, null))
                .orElse(CommandStatus.PENDING);
    }

    /** What the command page shows; {@code outcome} is the contract's wire name or "pending". */
    public record CommandStatus(String outcome, String reason, String message, String eventId, String calendarId) {
        static final CommandStatus PENDING = new CommandStatus("pending", null, null, null, null);

        public boolean pending() {
            return "pending".equals(outcome) || "held".equals(outcome);
        }
    }
}
