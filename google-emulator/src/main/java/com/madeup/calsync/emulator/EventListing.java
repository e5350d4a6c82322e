package com.madeup.calsync.emulator;

import com.madeup.calsync.emulator.World.Access;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * events.list and events.instances. A full list walks the calendar's changes in sequence order from a
 * snapshot taken at the first page; an incremental list walks the changes after the sync token. Either
 * way a page costs O(page size + skipped entries), and the skipped entries per page are bounded: a page
 * may come back short (even empty) with a nextPageToken, which Google's contract allows.
 */
final class EventListing {

    static final int DEFAULT_MAX_RESULTS = 250;
    static final int MAX_MAX_RESULTS = 2500;

    private final World world;

    EventListing(World world) {
        this.world = world;
    }

    record Query(
            int maxResults,
            String pageToken,
            String syncToken,
            Boolean showDeleted,
            boolean singleEvents,
            String orderBy,
            Long timeMin,
            Long timeMax,
            Long updatedMin,
            String q,
            String iCalUID,
            List<String> privateExtendedProperty,
            List<String> sharedExtendedProperty,
            List<String> eventTypes) {}

    /** Serialized Events page. */
    byte[] list(Access access, Query query) {
        CalendarData calendar = access.calendar();
        if (query.syncToken() != null) {
            if (query.timeMin() != null
                    || query.timeMax() != null
                    || query.updatedMin() != null
                    || query.q() != null
                    || query.orderBy() != null
                    || query.iCalUID() != null
                    || !query.privateExtendedProperty().isEmpty()
                    || !query.sharedExtendedProperty().isEmpty()) {
                throw ApiError.badRequest("invalid", "Some requested parameters are not compatible with sync token.")
                        .locate("syncToken");
            }
            if (Boolean.FALSE.equals(query.showDeleted())) {
                throw ApiError.badRequest("invalid", "The showDeleted parameter cannot be false with a sync token.")
                        .locate("showDeleted");
            }
        }
        if (query.timeMin() != null && query.timeMax() != null && query.timeMin() >= query.timeMax()) {
            throw ApiError.timeRangeEmpty();
        }
        if ("startTime".equals(query.orderBy()) && !query.singleEvents()) {
            throw ApiError.badRequest(
                    "badRequest", "The requested ordering is not available for the particular query.");
        }
        if (query.orderBy() != null && !"startTime".equals(query.orderBy()) && !"updated".equals(query.orderBy())) {
            throw ApiError.invalidParameter("orderBy", "Invalid value for orderBy.");
        }
        return world.read(() -> query.orderBy() == null ? bySequence(access, query) : sorted(access, query));
    }

    private ObjectNode head(Access access) {
        CalendarData calendar = access.calendar();
        ObjectNode head = Json.object();
        head.put("kind", "calendar#events");
        head.put("etag", "\"p" + Long.toString(calendar.stamp, 32) + "\"");
        head.put("summary", calendar.summary);
        if (calendar.description != null) {
            head.put("description", calendar.description);
        }
        head.put("updated", Times.rfc3339Millis(calendar.updatedMillis));
        head.put("timeZone", calendar.timeZone);
        head.put("accessRole", access.entry().accessRole);
        var reminders = head.putArray("defaultReminders");
        if (access.entry().canWrite()) {
            reminders.addObject().put("method", "popup").put("minutes", 10);
        }
        return head;
    }

    private String resource(CalendarData calendar) {
        return "events:" + calendar.id;
    }

    private byte[] bySequence(Access access, Query query) {
        CalendarData calendar = access.calendar();
        String generation = world.generation();
        long now = world.now();
        long snapshot;
        long resumeSeq;
        int skip;
        long syncSeq;
        if (query.pageToken() != null) {
            Tokens.PageCursor cursor = Tokens.parsePage(query.pageToken());
            if (cursor == null || cursor.resourceHash() != resource(calendar).hashCode()) {
                throw ApiError.invalidParameter("pageToken", "Invalid page token value.");
            }
            if (!cursor.generation().equals(generation)) {
                throw ApiError.fullSyncRequired();
            }
            snapshot = cursor.snapshot();
            resumeSeq = cursor.resumeSeq();
            skip = cursor.skip();
            syncSeq = cursor.syncSeq();
        } else {
            snapshot = world.currentSeq();
            skip = 0;
            syncSeq = query.syncToken() == null ? -1 : checkSyncToken(calendar, query.syncToken());
            resumeSeq = syncSeq < 0 ? 0 : syncSeq + 1;
        }
        boolean incremental = syncSeq >= 0;
        if (incremental && query.syncToken() != null) {
            checkSyncToken(calendar, query.syncToken());
        }
        int max = query.maxResults();
        int scanLimit = Math.max(10_000, max * 4);
        List<byte[]> items = new ArrayList<>(Math.min(max, 4096));
        Tokens.PageCursor next = null;
        int scanned = 0;
        outer:
        for (StoredEvent event : calendar.events.changes(resumeSeq, snapshot).values()) {
            int firstIndex = event.seq == resumeSeq ? skip : 0;
            // instances an earlier version of the series had and this one has not: cancelled in deltas
            List<ObjectNode> dropped = query.singleEvents() && incremental ? event.droppedInstances() : List.of();
            if (query.singleEvents() && (event.isSeries() || !dropped.isEmpty())) {
                if (event.cancelled && event.isSeries() && !incremental && query.updatedMin() == null) {
                    scanned++;
                    continue; // a deleted series shows only through its cancelled instances' exceptions
                }
                List<StoredEvent.Occurrence> occurrences = event.isSeries() ? event.occurrences(now) : List.of();
                // one index space over the dropped instances, the occurrences, then (for an event that
                // stopped recurring) the event itself, so a page can end anywhere inside it
                int total = dropped.size() + occurrences.size() + (event.isSeries() ? 0 : 1);
                for (int i = firstIndex; i < total; i++) {
                    if (items.size() >= max) {
                        next = new Tokens.PageCursor(
                                generation, resource(calendar).hashCode(), snapshot, event.seq, i, syncSeq, 0);
                        break outer;
                    }
                    if (i < dropped.size()) {
                        ObjectNode tombstone = dropped.get(i);
                        if (calendar.events.get(Json.text(tombstone, "id")) == null) {
                            items.add(Json.bytes(tombstone));
                        }
                        continue;
                    }
                    if (i == dropped.size() + occurrences.size()) {
                        byte[] item = single(event, query, incremental, now);
                        if (item != null) {
                            items.add(item);
                        }
                        continue;
                    }
                    StoredEvent.Occurrence occurrence = occurrences.get(i - dropped.size());
                    if (calendar.events.get(occurrence.instanceId()) != null) {
                        continue; // the exception is listed at its own change
                    }
                    ObjectNode instance = event.instance(occurrence);
                    if (event.cancelled) {
                        instance.put("status", "cancelled");
                        items.add(Json.bytes(
                                Boolean.TRUE.equals(query.showDeleted()) ? instance : StoredEvent.tombstone(instance)));
                    } else if (incremental
                            || matches(instance, occurrence.startMillis(), endOf(event, occurrence), query)) {
                        items.add(Json.bytes(instance));
                    }
                }
            } else {
                if (items.size() >= max) {
                    next = new Tokens.PageCursor(
                            generation, resource(calendar).hashCode(), snapshot, event.seq, 0, syncSeq, 0);
                    break;
                }
                byte[] item = single(event, query, incremental, now);
                if (item != null) {
                    items.add(item);
                }
            }
            scanned++;
            if (scanned >= scanLimit && event.seq < snapshot) {
                next = new Tokens.PageCursor(
                        generation, resource(calendar).hashCode(), snapshot, event.seq + 1, 0, syncSeq, 0);
                break;
            }
        }
        ObjectNode head = head(access);
        if (next != null) {
            head.put("nextPageToken", Tokens.page(next));
        } else {
            head.put("nextSyncToken", Tokens.sync(generation, resource(calendar), calendar.tokenEpoch, snapshot));
        }
        return Json.withItems(head, items);
    }

    private static long endOf(StoredEvent series, StoredEvent.Occurrence occurrence) {
        return occurrence.startMillis() + (series.endMillis - series.startMillis);
    }

    /** The bytes a non-expanded entry contributes, or null when it is filtered out. */
    private byte[] single(StoredEvent event, Query query, boolean incremental, long now) {
        boolean showDeleted = Boolean.TRUE.equals(query.showDeleted());
        if (event.cancelled) {
            if (showDeleted) {
                return event.bytes();
            }
            if (incremental || query.updatedMin() != null) {
                return updatedOk(event, query) ? event.tombstoneBytes() : null;
            }
            // Google lists cancelled instances of a series even without showDeleted (not when expanding).
            return !query.singleEvents() && event.recurringEventId != null ? event.tombstoneBytes() : null;
        }
        if (incremental) {
            return filterTypes(event.json, query) ? event.bytes() : null;
        }
        long start = event.startMillis;
        long end = event.endMillis;
        if (event.isSeries() && (query.timeMin() != null || query.timeMax() != null)) {
            List<StoredEvent.Occurrence> occurrences = event.occurrences(now);
            if (occurrences.isEmpty()) {
                return null;
            }
            end = endOf(event, occurrences.getLast());
        }
        return matches(event.json, start, end, query) && updatedOk(event, query) ? event.bytes() : null;
    }

    private static boolean updatedOk(StoredEvent event, Query query) {
        return query.updatedMin() == null || event.stamp / 1000 >= query.updatedMin();
    }

    private static boolean filterTypes(JsonNode event, Query query) {
        return query.eventTypes().isEmpty() || query.eventTypes().contains(Json.text(event, "eventType"));
    }

    private static boolean matches(JsonNode event, long start, long end, Query query) {
        if (query.timeMin() != null && end <= query.timeMin()) {
            return false;
        }
        if (query.timeMax() != null && start >= query.timeMax()) {
            return false;
        }
        if (!filterTypes(event, query)) {
            return false;
        }
        if (query.iCalUID() != null && !query.iCalUID().equals(Json.text(event, "iCalUID"))) {
            return false;
        }
        if (!extended(event.path("extendedProperties").path("private"), query.privateExtendedProperty())
                || !extended(event.path("extendedProperties").path("shared"), query.sharedExtendedProperty())) {
            return false;
        }
        return query.q() == null || containsText(event, query.q().toLowerCase(Locale.ROOT));
    }

    private static boolean extended(JsonNode properties, List<String> constraints) {
        for (String constraint : constraints) {
            int eq = constraint.indexOf('=');
            if (eq < 0) {
                throw ApiError.invalidParameter("privateExtendedProperty", "Invalid extended property constraint.");
            }
            JsonNode value = properties.get(constraint.substring(0, eq));
            if (value == null || !value.asString().equals(constraint.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsText(JsonNode event, String needle) {
        for (String field : List.of("summary", "description", "location")) {
            String value = Json.text(event, field);
            if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        List<JsonNode> people = new ArrayList<>();
        people.add(event.get("organizer"));
        event.path("attendees").forEach(people::add);
        for (JsonNode person : people) {
            for (String field : List.of("email", "displayName")) {
                String value = Json.text(person, field);
                if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private long checkSyncToken(CalendarData calendar, String token) {
        Tokens.SyncToken parsed = Tokens.parseSync(token);
        if (parsed == null || parsed.resourceHash() != resource(calendar).hashCode()) {
            throw ApiError.invalidParameter("syncToken", "Invalid sync token value.");
        }
        if (!parsed.generation().equals(world.generation()) || parsed.epoch() != calendar.tokenEpoch) {
            throw ApiError.fullSyncRequired();
        }
        return parsed.seq();
    }

    private record Sortable(long key, String id, byte[] bytes) {}

    /** orderBy=startTime|updated: sorts every match, then pages by offset. O(n log n) per page. */
    private byte[] sorted(Access access, Query query) {
        CalendarData calendar = access.calendar();
        long now = world.now();
        String generation = world.generation();
        int offset = 0;
        long snapshot = world.currentSeq();
        if (query.pageToken() != null) {
            Tokens.PageCursor cursor = Tokens.parsePage(query.pageToken());
            if (cursor == null || cursor.resourceHash() != resource(calendar).hashCode()) {
                throw ApiError.invalidParameter("pageToken", "Invalid page token value.");
            }
            offset = cursor.offset();
            snapshot = cursor.snapshot();
        }
        boolean byStart = "startTime".equals(query.orderBy());
        List<Sortable> all = new ArrayList<>();
        for (StoredEvent event : calendar.events.changes(0, snapshot).values()) {
            if (query.singleEvents() && event.isSeries()) {
                if (event.cancelled) {
                    continue;
                }
                for (StoredEvent.Occurrence occurrence : event.occurrences(now)) {
                    if (calendar.events.get(occurrence.instanceId()) != null) {
                        continue;
                    }
                    ObjectNode instance = event.instance(occurrence);
                    if (matches(instance, occurrence.startMillis(), endOf(event, occurrence), query)) {
                        all.add(new Sortable(
                                byStart ? occurrence.startMillis() : event.stamp,
                                occurrence.instanceId(),
                                Json.bytes(instance)));
                    }
                }
            } else {
                byte[] item = single(event, query, false, now);
                if (item != null) {
                    all.add(new Sortable(byStart ? event.startMillis : event.stamp, event.id, item));
                }
            }
        }
        all.sort(Comparator.comparingLong(Sortable::key).thenComparing(Sortable::id));
        int to = Math.min(all.size(), offset + query.maxResults());
        List<byte[]> items = new ArrayList<>();
        for (int i = offset; i < to; i++) {
            items.add(all.get(i).bytes());
        }
        ObjectNode head = head(access);
        if (to < all.size()) {
            head.put(
                    "nextPageToken",
                    Tokens.page(
                            new Tokens.PageCursor(generation, resource(calendar).hashCode(), snapshot, 0, 0, -1, to)));
        } else {
            head.put("nextSyncToken", Tokens.sync(generation, resource(calendar), calendar.tokenEpoch, snapshot));
        }
        return Json.withItems(head, items);
    }

    /** events.instances: the occurrences of one series, exceptions in place, paged by offset. */
    byte[] instances(Access access, String seriesId, Map<String, String> params, int maxResults) {
        CalendarData calendar = access.calendar();
        long now = world.now();
        return world.read(() -> {
            StoredEvent series = calendar.events.get(seriesId);
            if (series == null) {
                throw ApiError.notFound();
            }
            if (!series.isSeries()) {
                throw ApiError.notFound();
            }
            boolean showDeleted = "true".equals(params.get("showDeleted"));
            Long timeMin =
                    params.get("timeMin") == null ? null : Times.parseParameter(params.get("timeMin"), "timeMin");
            Long timeMax =
                    params.get("timeMax") == null ? null : Times.parseParameter(params.get("timeMax"), "timeMax");
            String originalStart = params.get("originalStart");
            int offset = 0;
            if (params.get("pageToken") != null) {
                Tokens.PageCursor cursor = Tokens.parsePage(params.get("pageToken"));
                if (cursor == null) {
                    throw ApiError.invalidParameter("pageToken", "Invalid page token value.");
                }
                offset = cursor.offset();
            }
            List<byte[]> all = new ArrayList<>();
            for (StoredEvent.Occurrence occurrence : series.occurrences(now)) {
                StoredEvent exception = calendar.events.get(occurrence.instanceId());
                ObjectNode item = exception != null ? exception.json : series.instance(occurrence);
                boolean cancelled = series.cancelled || (exception != null && exception.cancelled);
                if (cancelled && !showDeleted) {
                    continue;
                }
                long start = exception != null ? exception.startMillis : occurrence.startMillis();
                long end = exception != null ? exception.endMillis : endOf(series, occurrence);
                if ((timeMin != null && end <= timeMin) || (timeMax != null && start >= timeMax)) {
                    continue;
                }
                if (originalStart != null
                        && Times.parseParameter(originalStart, "originalStart") != occurrence.startMillis()) {
                    continue;
                }
                if (series.cancelled && exception == null) {
                    item.put("status", "cancelled");
                }
                all.add(Json.bytes(item));
            }
            int to = Math.min(all.size(), offset + maxResults);
            ObjectNode head = head(access);
            if (to < all.size()) {
                head.put(
                        "nextPageToken",
                        Tokens.page(new Tokens.PageCursor(
                                world.generation(), resource(calendar).hashCode(), 0, 0, 0, -1, to)));
            }
            return Json.withItems(head, all.subList(Math.min(offset, all.size()), to));
        });
    }
}
