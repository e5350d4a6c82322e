package com.madeup.calsync.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.store.MigratedDatabase;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerStoreTest {

    private static final MigratedDatabase db = MigratedDatabase.create();

    private final LedgerStore ledger = new LedgerStore(db.jdbc, Clock.systemUTC());

    @Test
    void messageIsHandledOncePerConsumer() {
        UUID messageId = UUID.randomUUID();

        assertThat(ledger.markHandled("sync-worker", messageId)).isTrue();
        assertThat(ledger.markHandled("sync-worker", messageId)).isFalse();
        assertThat(ledger.markHandled("dashboard", messageId))
                .as("another consumer")
                .isTrue();
    }

    @Test
    void commandIsClaimedOnceThenCompletedWithItsWrites() {
        UUID commandId = UUID.randomUUID();
        UUID connectionId = UUID.randomUUID();

        assertThat(ledger.claimCommand(commandId, connectionId, 7L)).isTrue();
        assertThat(ledger.claimCommand(commandId, connectionId, 7L)).isFalse();
        ledger.recordOutboundWrite(commandId, 3L, "evt-1", WriteOperation.INSERT, "\"etag-1\"");
        assertThat(ledger.completeCommand(commandId, CommandOutcome.APPLIED, "{\"status\":\"applied\"}"))
                .isTrue();

        HandledCommand handled = ledger.findCommand(commandId).orElseThrow();
        assertThat(handled.outcome()).isEqualTo(CommandOutcome.APPLIED);
        assertThat(handled.resultJson()).isEqualTo("{\"status\": \"applied\"}");
        assertThat(handled.actorUserId()).isEqualTo(7L);
        assertThat(ledger.findOutboundWrites(commandId)).singleElement().satisfies(write -> {
            assertThat(write.operation()).isEqualTo(WriteOperation.INSERT);
            assertThat(write.etag()).isEqualTo("\"etag-1\"");
        });
        assertThat(ledger.findCommand(UUID.randomUUID())).isEmpty();
    }

    @Test
    void completingOnlyWhilePendingLeavesAnEarlierOutcomeAlone() {
        UUID commandId = UUID.randomUUID();
        ledger.claimCommand(commandId, UUID.randomUUID(), 7L);

        assertThat(ledger.completePendingCommand(commandId, CommandOutcome.REJECTED, "{\"outcome\":\"rejected\"}"))
                .isTrue();
        assertThat(ledger.completePendingCommand(commandId, CommandOutcome.APPLIED, "{\"outcome\":\"applied\"}"))
                .as("already rejected")
                .isFalse();

        HandledCommand handled = ledger.findCommand(commandId).orElseThrow();
        assertThat(handled.outcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(handled.resultJson()).contains("rejected");
        assertThat(ledger.completePendingCommand(UUID.randomUUID(), CommandOutcome.REJECTED, "{}"))
                .as("unknown command")
                .isFalse();
    }

    @Test
    void theLatestIntentOfACommandIsKept() {
        UUID commandId = UUID.randomUUID();
        ledger.claimCommand(commandId, UUID.randomUUID(), 7L);
        assertThat(ledger.findIntent(commandId)).isEmpty();

        ledger.recordIntent(commandId, 3L, "evt-1", WriteOperation.PATCH, "{\"summary\":\"v1\"}");
        ledger.recordIntent(commandId, 3L, "evt-1", WriteOperation.PATCH, "{\"summary\":\"v2\"}");
        UUID deleteCommand = UUID.randomUUID();
        ledger.claimCommand(deleteCommand, UUID.randomUUID(), 7L);
        ledger.recordIntent(deleteCommand, 3L, "evt-2", WriteOperation.DELETE, null);

        assertThat(ledger.findIntent(commandId)).hasValueSatisfying(intent -> {
            assertThat(intent.operation()).isEqualTo(WriteOperation.PATCH);
            assertThat(intent.providerEventId()).isEqualTo("evt-1");
            assertThat(intent.calendarId()).isEqualTo(3L);
            assertThat(intent.sentJson()).isEqualTo("{\"summary\": \"v2\"}");
        });
        assertThat(ledger.findIntent(deleteCommand)).hasValueSatisfying(intent -> {
            assertThat(intent.operation()).isEqualTo(WriteOperation.DELETE);
            assertThat(intent.sentJson()).isNull();
        });
    }
}
