package com.madeup.calsync.emulator;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The events of one calendar: by id, and by change sequence number so a page of changes since a
 * sync token (or the next page of a full list) is a range read, never a scan of the calendar.
 * Guarded by the state lock.
 */
final class EventStore {

    private final Map<String, StoredEvent> byId = new HashMap<>();
    private final TreeMap<Long, StoredEvent> bySeq = new TreeMap<>();
    private final Map<String, Set<String>> exceptionsBySeries = new HashMap<>();

    StoredEvent get(String id) {
        return byId.get(id);
    }

    void put(StoredEvent event) {
        StoredEvent old = byId.put(event.id, event);
        if (old != null) {
            bySeq.remove(old.seq);
        }
        bySeq.put(event.seq, event);
        if (event.recurringEventId != null) {
            exceptionsBySeries
                    .computeIfAbsent(event.recurringEventId, k -> new LinkedHashSet<>())
                    .add(event.id);
        }
    }

    Set<String> exceptionIds(String seriesId) {
        return exceptionsBySeries.getOrDefault(seriesId, Set.of());
    }

    /** Versions with {@code fromSeq <= seq <= toSeq}, oldest change first. */
    NavigableMap<Long, StoredEvent> changes(long fromSeq, long toSeq) {
        if (fromSeq > toSeq) {
            return new TreeMap<>();
        }
        return bySeq.subMap(fromSeq, true, toSeq, true);
    }

    Iterable<StoredEvent> all() {
        return bySeq.values();
    }
}
