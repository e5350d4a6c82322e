package com.madeup.calsync.emulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of an event on one calendar. Immutable once stored (a change stores a new version with a
 * new change sequence number), so readers may serialize it outside the state lock; the serialized
 * bytes are cached because a full sync sends each version many times over.
 */
final class StoredEvent {

    final String id;
    /** The full Google representation; never mutated after construction. */
    final ObjectNode json;

    final long seq;
    final long stamp;
    final String calendarId;
    final boolean cancelled;
    final String recurringEventId;
    final long startMillis;
    final long endMillis;
    final Recurrence recurrence;
    final ZoneId zone;

    /**
     * Tombstones of instances an earlier version of this series produced and this one does not
     * (rule trimmed, recurrence removed): incremental singleEvents lists report them as cancelled.
     */
    private List<ObjectNode> droppedInstances = List.of();

    private volatile byte[] bytes;
    private volatile byte[] tombstoneBytes;
    private volatile Expansion expansion;

    StoredEvent(ObjectNode json, long seq, long stamp, String calendarId, ZoneId calendarZone) {
        this.json = json;
        this.calendarId = calendarId;
        this.id = Json.text(json, "id");
        this.seq = seq;
        this.stamp = stamp;
        this.cancelled = "cancelled".equals(Json.text(json, "status"));
        this.recurringEventId = Json.text(json, "recurringEventId");
        JsonNode start = json.get("start");
        JsonNode end = json.get("end");
        this.startMillis = start == null ? 0 : Times.instant(start, calendarZone, "start");
        this.endMillis = end == null ? startMillis : Times.instant(end, calendarZone, "end");
        this.recurrence = recurringEventId == null ? Recurrence.parse(json.get("recurrence")) : null;
        String tz = start == null ? null : Json.text(start, "timeZone");
        this.zone = tz == null ? calendarZone : ZoneId.of(tz);
    }

    List<ObjectNode> droppedInstances() {
        return droppedInstances;
    }

    /** Called once, before the version is published, with the version it replaces. */
    void rememberDroppedInstances(StoredEvent previous, long nowMillis) {
        if (previous == null || (!previous.isSeries() && previous.droppedInstances.isEmpty())) {
            return;
        }
        java.util.Map<String, ObjectNode> dropped = new java.util.LinkedHashMap<>();
        for (ObjectNode tombstone : previous.droppedInstances) {
            dropped.put(Json.text(tombstone, "id"), tombstone);
        }
        if (previous.isSeries()) {
            for (Occurrence occurrence : previous.occurrences(nowMillis)) {
                ObjectNode tombstone = Json.object();
                tombstone.put("kind", "calendar#event");
                tombstone.put("etag", "\"" + stamp + "\"");
                tombstone.put("id", occurrence.instanceId());
                tombstone.put("status", "cancelled");
                tombstone.put("recurringEventId", id);
                tombstone.set("originalStartTime", occurrence.originalStart());
                dropped.put(occurrence.instanceId(), tombstone);
            }
        }
        if (isSeries() && !cancelled) {
            for (Occurrence occurrence : occurrences(nowMillis)) {
                dropped.remove(occurrence.instanceId());
            }
        }
        droppedInstances = List.copyOf(dropped.values());
    }

    boolean isSeries() {
        return recurrence != null;
    }

    boolean allDay() {
        JsonNode start = json.get("start");
        return start != null && start.has("date");
    }

    byte[] bytes() {
        byte[] cached = bytes;
        if (cached == null) {
            cached = Json.bytes(json);
            bytes = cached;
        }
        return cached;
    }

    /** What incremental sync shows of a deleted event: kind, etag, id, status (and instance ids). */
    byte[] tombstoneBytes() {
        byte[] cached = tombstoneBytes;
        if (cached == null) {
            cached = Json.bytes(tombstone(json));
            tombstoneBytes = cached;
        }
        return cached;
    }

    static ObjectNode tombstone(ObjectNode full) {
        ObjectNode out = Json.object();
        out.put("kind", "calendar#event");
        out.set("etag", full.get("etag"));
        out.set("id", full.get("id"));
        out.put("status", "cancelled");
        if (full.has("recurringEventId")) {
            out.set("recurringEventId", full.get("recurringEventId"));
            out.set("originalStartTime", full.get("originalStartTime"));
        }
        return out;
    }

    /** One occurrence of a series: its instance id and original start. */
    record Occurrence(
            String instanceId, long startMillis, ObjectNode originalStart, ObjectNode start, ObjectNode end) {}

    private record Expansion(long day, List<Occurrence> occurrences) {}

    /** The occurrences of this series, cached per UTC day of {@code nowMillis}. */
    List<Occurrence> occurrences(long nowMillis) {
        long day = Math.floorDiv(nowMillis, 86_400_000L);
        Expansion cached = expansion;
        if (cached != null && cached.day == day) {
            return cached.occurrences;
        }
        List<Occurrence> result = new ArrayList<>();
        JsonNode start = json.get("start");
        JsonNode end = json.get("end");
        String tz = Json.text(start, "timeZone");
        if (allDay()) {
            LocalDate first = LocalDate.parse(Json.text(start, "date"));
            long lengthDays = Recurrence.daysBetween(first, LocalDate.parse(Json.text(end, "date")));
            for (LocalDate date : recurrence.expandAllDay(first, zone, nowMillis)) {
                ObjectNode s = Json.object().put("date", date.toString());
                ObjectNode e =
                        Json.object().put("date", date.plusDays(lengthDays).toString());
                if (tz != null) {
                    s.put("timeZone", tz);
                    e.put("timeZone", tz);
                }
                result.add(new Occurrence(
                        id + "_" + Times.INSTANCE_DATE.format(date),
                        date.atStartOfDay(zone).toInstant().toEpochMilli(),
                        s.deepCopy(),
                        s,
                        e));
            }
        } else {
            ZonedDateTime first = Times.parseDateTime(Json.text(start, "dateTime"), zone, "start");
            long length = endMillis - startMillis;
            for (ZonedDateTime occurrence : recurrence.expandTimed(first, nowMillis)) {
                ObjectNode s = Json.object().put("dateTime", Times.formatDateTime(occurrence));
                ZonedDateTime endTime = occurrence.plusNanos(length * 1_000_000L);
                ObjectNode e = Json.object().put("dateTime", Times.formatDateTime(endTime));
                String endTz = Json.text(end, "timeZone");
                if (tz != null) {
                    s.put("timeZone", tz);
                }
                if (endTz != null) {
                    e.put("timeZone", endTz);
                }
                result.add(new Occurrence(
                        id + "_" + Times.INSTANCE_TIMED.format(occurrence),
                        occurrence.toInstant().toEpochMilli(),
                        s.deepCopy(),
                        s,
                        e));
            }
        }
        List<Occurrence> frozen = List.copyOf(result);
        expansion = new Expansion(day, frozen);
        return frozen;
    }

    /** The instance of this series at an occurrence, in Google's instance shape. */
    ObjectNode instance(Occurrence occurrence) {
        ObjectNode out = Json.object();
        json.properties().forEach(entry -> {
            switch (entry.getKey()) {
                case "id" -> out.put("id", occurrence.instanceId());
                case "htmlLink" -> out.put("htmlLink", EventShapes.htmlLink(occurrence.instanceId(), calendarId));
                case "start" -> out.set("start", occurrence.start());
                case "end" -> out.set("end", occurrence.end());
                case "recurrence" -> {
                    out.put("recurringEventId", id);
                    out.set("originalStartTime", occurrence.originalStart());
                }
                default -> out.set(entry.getKey(), entry.getValue());
            }
        });
        return out;
    }
}
