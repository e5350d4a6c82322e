package com.madeup.calsync.provider;

import java.util.List;

/**
 * One page of a list. Exactly one of the tokens is set on a well-formed answer.
 *
 * @param items may be empty even when more pages follow
 * @param nextPageToken ask again with it for the next page; null on the last page
 * @param nextSyncToken on the last page only: store it for the next incremental sync
 */
public record Page<T>(List<T> items, String nextPageToken, String nextSyncToken) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean last() {
        return nextPageToken == null;
    }
}
