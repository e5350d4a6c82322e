package com.madeup.calsync.worker.sync;

/**
 * What one sync of one calendar did.
 *
 * @param status how it ended
 * @param full whether it ended as a full sync (forced, first, or after a 410)
 * @param resyncedAfterInvalidToken whether a 410 made it drop the token and start over
 * @param items provider items read
 * @param upserted rows inserted or updated (each published)
 * @param deleted rows deleted (each published)
 * @param skipped provider items the store could not hold (logged with ids)
 * @param detail why it did not complete, for logs; null when completed
 */
public record SyncOutcome(
        Status status,
        boolean full,
        boolean resyncedAfterInvalidToken,
        long items,
        int upserted,
        int deleted,
        int skipped,
        String detail) {

    public enum Status {
        COMPLETED,
        /** The connection needs re-consent; nothing was read. */
        NEEDS_REAUTH,
        /** The calendar is gone, not picked, or a notification older than the last pass. */
        SKIPPED,
        /** A non-retryable provider error; logged, the sync token kept. */
        FAILED
    }

    static SyncOutcome notRun(Status status, String detail) {
        return new SyncOutcome(status, false, false, 0, 0, 0, 0, detail);
    }
}
