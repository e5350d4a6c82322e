package com.madeup.calsync.store.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider write the outbound writer was about to make for a command ({@code outbound_intents}),
 * committed before the call. Its presence on a redelivered command means the provider may already
 * carry the change.
 *
 * @param commandId the command it serves
 * @param calendarId our calendar id
 * @param providerEventId the provider event to be written
 * @param operation insert, patch or delete
 * @param sentJson the fields sent, as the writer chose to record them (JSON); null for a delete
 * @param recordedAt when
 */
public record OutboundIntent(
        UUID commandId,
        long calendarId,
        String providerEventId,
        WriteOperation operation,
        String sentJson,
        Instant recordedAt) {}
