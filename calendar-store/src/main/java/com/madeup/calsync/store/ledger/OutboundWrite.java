package com.madeup.calsync.store.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A write the outbound writer made to the provider for a command ({@code outbound_writes}).
 *
 * @param id row id
 * @param commandId the command it served
 * @param calendarId our calendar id
 * @param providerEventId the provider event written
 * @param operation insert, patch or delete
 * @param etag the etag the provider answered with; null for a delete
 * @param writtenAt when
 */
public record OutboundWrite(
        long id,
        UUID commandId,
        long calendarId,
        String providerEventId,
        WriteOperation operation,
        String etag,
        Instant writtenAt) {}
