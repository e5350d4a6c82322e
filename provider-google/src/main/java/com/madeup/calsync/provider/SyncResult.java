package com.madeup.calsync.provider;

/**
 * The end of a paged sync.
 *
 * @param nextSyncToken store it; the next incremental sync passes it back
 * @param pages how many pages were read
 * @param items how many items were handed to the page handler
 */
public record SyncResult(String nextSyncToken, int pages, long items) {}
