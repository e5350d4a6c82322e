package com.madeup.calsync.emulator;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns what a client sent into the Event Google would store and answer, and checks it like Google. */
final class EventShapes {

    /** Fields Google sets itself; a client's values are ignored. */
    static final Set<String> READ_ONLY = Set.of(
            "kind",
            "etag",
            "id",
            "htmlLink",
            "created",
            "updated",
            "creator",
            "organizer",
            "iCalUID",
            "sequence",
            "recurringEventId",
            "originalStartTime",
            "status",
            "start",
            "end",
            "attendees",
            "reminders",
            "eventType",
            "hangoutLink");

    /** What only the organizer may change (Google's "shared properties"), with defaults of a PUT. */
    private static final Set<String> SHARED = Set.of(
            "summary",
            "description",
            "location",
            "start",
            "end",
            "recurrence",
            "conferenceData",
            "attachments",
            "guestsCanModify",
            "guestsCanInviteOthers",
            "guestsCanSeeOtherGuests");

    private static final Pattern EVENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

    private EventShapes() {}

    static void checkClientId(String id) {
        if (!EVENT_ID.matcher(id).matches()) {
            throw new ApiError(400, "global", "invalid", "Invalid resource id value.", null, null);
        }
    }

    /** Base32hex like Google's generated ids (26 characters). */
    static String newId(java.util.random.RandomGenerator random) {
        char[] alphabet = "0123456789abcdefghijklmnopqrstuv".toCharArray();
        char[] out = new char[26];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet[random.nextInt(32)];
        }
        return new String(out);
    }

    static String htmlLink(String eventId, String calendarId) {
        String eid = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((eventId + " " + calendarId).getBytes(StandardCharsets.UTF_8));
        return "https://www.google.com/calendar/event?eid=" + eid;
    }

    /** Everything Google fills in when it stores a version. */
    record Meta(
            String id,
            String status,
            long createdMillis,
            long stamp,
            ObjectNode creator,
            ObjectNode organizer,
            String iCalUID,
            int sequence,
            String recurringEventId,
            JsonNode originalStartTime,
            String calendarId,
            ZoneId calendarZone) {}

    /**
     * Builds the stored representation from the client's writable fields. {@code fields} holds the
     * event as the client wants it (after merge for patch); read-only members are replaced by meta.
     */
    static ObjectNode compose(ObjectNode fields, Meta meta) {
        boolean cancelled = "cancelled".equals(meta.status());
        JsonNode start = fields.get("start");
        JsonNode end = fields.get("end");
        if (!cancelled) {
            validateTimes(fields, meta.calendarZone());
        }
        ObjectNode out = Json.object();
        out.put("kind", "calendar#event");
        out.put("etag", "\"" + meta.stamp() + "\"");
        out.put("id", meta.id());
        out.put("status", meta.status());
        out.put("htmlLink", htmlLink(meta.id(), meta.calendarId()));
        out.put("created", Times.rfc3339Millis(meta.createdMillis()));
        out.put("updated", Times.rfc3339Millis(meta.stamp() / 1000));
        for (String name : new String[] {"summary", "description", "location", "colorId"}) {
            if (fields.hasNonNull(name)) {
                out.set(name, fields.get(name));
            }
        }
        out.set("creator", withSelf(meta.creator(), meta.calendarId()));
        out.set("organizer", withSelf(meta.organizer(), meta.calendarId()));
        if (start != null && start.isObject()) {
            out.set("start", Times.normalize(start, meta.calendarZone(), "start"));
        }
        if (end != null && end.isObject()) {
            out.set("end", Times.normalize(end, meta.calendarZone(), "end"));
        }
        if (meta.recurringEventId() != null) {
            out.put("recurringEventId", meta.recurringEventId());
            out.set("originalStartTime", meta.originalStartTime());
        } else if (fields.hasNonNull("recurrence")) {
            out.set("recurrence", fields.get("recurrence"));
        }
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            String name = entry.getKey();
            if (!READ_ONLY.contains(name)
                    && !out.has(name)
                    && !"recurrence".equals(name)
                    && !entry.getValue().isNull()) {
                out.set(name, entry.getValue());
            }
        }
        out.put("iCalUID", meta.iCalUID());
        out.put("sequence", meta.sequence());
        if (fields.hasNonNull("attendees")) {
            out.set("attendees", attendees(fields.get("attendees"), meta));
        }
        JsonNode reminders = fields.get("reminders");
        out.set(
                "reminders",
                reminders != null && reminders.isObject()
                        ? reminders
                        : Json.object().put("useDefault", true));
        String eventType = Json.text(fields, "eventType");
        out.put("eventType", eventType == null ? "default" : eventType);
        return out;
    }

    private static void validateTimes(ObjectNode fields, ZoneId zone) {
        JsonNode start = fields.get("start");
        JsonNode end = fields.get("end");
        if (start == null || start.isNull()) {
            throw ApiError.required("Missing start time.", null);
        }
        if (end == null || end.isNull()) {
            throw ApiError.required("Missing end time.", null);
        }
        if (start.has("date") != end.has("date")) {
            throw new ApiError(400, "global", "invalid", "Invalid start time.", null, null);
        }
        long startMillis = Times.instant(start, zone, "start");
        long endMillis = Times.instant(end, zone, "end");
        if (endMillis < startMillis) {
            throw new ApiError(400, "calendar", "timeRangeEmpty", "The specified time range is empty.", null, null);
        }
        if (fields.hasNonNull("recurrence") && !fields.get("recurrence").isEmpty()) {
            if (!start.has("timeZone")) {
                throw ApiError.required("Missing time zone definition for start time.", null);
            }
            if (!end.has("timeZone")) {
                throw ApiError.required("Missing time zone definition for end time.", null);
            }
            Recurrence.parse(fields.get("recurrence"));
        }
    }

    private static ObjectNode withSelf(ObjectNode person, String calendarId) {
        ObjectNode copy = person.deepCopy();
        copy.remove("self");
        if (calendarId.equalsIgnoreCase(Json.text(copy, "email"))) {
            copy.put("self", true);
        }
        return copy;
    }

    private static ArrayNode attendees(JsonNode input, Meta meta) {
        if (!input.isArray()) {
            throw new ApiError(400, "global", "invalid", "Invalid attendees value.", null, null);
        }
        String organizerEmail = Json.text(meta.organizer(), "email");
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode attendee : input) {
            String email = Json.text(attendee, "email");
            if (email == null || email.isBlank() || !email.contains("@")) {
                throw ApiError.required("Missing attendee email.", null);
            }
            ObjectNode copy = Json.object();
            copy.put("email", email.toLowerCase(Locale.ROOT));
            for (Map.Entry<String, JsonNode> field : attendee.properties()) {
                if (!Set.of("email", "self", "organizer", "responseStatus").contains(field.getKey())) {
                    copy.set(field.getKey(), field.getValue());
                }
            }
            if (email.equalsIgnoreCase(organizerEmail)) {
                copy.put("organizer", true);
            }
            if (email.equalsIgnoreCase(meta.calendarId())) {
                copy.put("self", true);
            }
            String response = Json.text(attendee, "responseStatus");
            copy.put("responseStatus", response == null ? "needsAction" : response);
            out.add(copy);
        }
        return out;
    }

    /**
     * Google's patch: members replace; nested objects merge; arrays and EventDateTime objects replace;
     * an explicit null removes.
     */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode current = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject()
                    && current != null
                    && current.isObject()
                    && !Set.of("start", "end", "originalStartTime").contains(name)) {
                ObjectNode merged = ((ObjectNode) current).deepCopy();
                merge(merged, (ObjectNode) value);
                target.set(name, merged);
            } else {
                target.set(name, value);
            }
        }
    }

    /** True when the shared properties differ, seen from the attendee copy on {@code calendarId}. */
    static boolean sharedChanged(ObjectNode before, ObjectNode after, String calendarId, ZoneId zone) {
        return !sharedView(before, calendarId, zone).equals(sharedView(after, calendarId, zone));
    }

    private static ObjectNode sharedView(ObjectNode event, String calendarId, ZoneId zone) {
        ObjectNode view = Json.object();
        for (String name : SHARED) {
            JsonNode value = event.get(name);
            if (value != null && !value.isNull()) {
                view.set(name, "start".equals(name) || "end".equals(name) ? Times.normalize(value, zone, name) : value);
            }
        }
        putDefault(view, "guestsCanModify", false);
        putDefault(view, "guestsCanInviteOthers", true);
        putDefault(view, "guestsCanSeeOtherGuests", true);
        ArrayNode attendees = Json.NODES.arrayNode();
        JsonNode list = event.get("attendees");
        if (list != null && list.isArray()) {
            for (JsonNode attendee : list) {
                ObjectNode copy = Json.object();
                String email = Json.text(attendee, "email");
                copy.put("email", email == null ? "" : email.toLowerCase(Locale.ROOT));
                boolean self = email != null && email.equalsIgnoreCase(calendarId);
                if (!self) {
                    copy.put("optional", attendee.path("optional").asBoolean(false));
                }
                attendees.add(copy);
            }
        }
        view.set("attendees", attendees);
        JsonNode shared = event.path("extendedProperties").get("shared");
        if (shared != null) {
            view.set("sharedExtended", shared);
        }
        return view;
    }

    private static void putDefault(ObjectNode view, String name, boolean value) {
        if (!view.has(name)) {
            view.put(name, value);
        }
    }

    /** Removes members Google would not let this writer set, keeping the rest. */
    static ObjectNode writable(ObjectNode input) {
        ObjectNode out = input.deepCopy();
        for (Iterator<String> it = out.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (Set.of("kind", "etag", "id", "htmlLink", "created", "updated", "creator", "iCalUID", "hangoutLink")
                    .contains(name)) {
                it.remove();
            }
        }
        return out;
    }
}
