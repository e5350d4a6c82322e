package com.madeup.calsync.store.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code handled_commands}.
 *
 * @param commandId the command's {@code commandId}
 * @param connectionId the connection it targets; null if the command named none
 * @param actorUserId who sent it; null if unknown
 * @param outcome pending until the writer finished
 * @param resultJson the published result as JSON; null while pending
 * @param handledAt when claimed or last completed
 */
public record HandledCommand(
        UUID commandId,
        UUID connectionId,
        Long actorUserId,
        CommandOutcome outcome,
        String resultJson,
        Instant handledAt) {}
