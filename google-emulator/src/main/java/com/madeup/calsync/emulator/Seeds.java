package com.madeup.calsync.emulator;

import com.madeup.calsync.emulator.World.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads a seed file: {@code {"anchorDate"?, "accounts":[{email, displayName?, timeZone?,
 * calendars:[{id?, summary, timeZone?, accessRole?, owner?}]}], "events":[{calendarId, as?, event}]}}.
 * With an anchorDate, every event date moves by whole weeks so that the anchor's week becomes the
 * current week (weekdays are kept).
 */
final class Seeds {

    private Seeds() {}

    static JsonNode readResource(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** Returns how many events were created. */
    static int load(World world, JsonNode seed) {
        long shiftDays = 0;
        String anchor = Json.text(seed, "anchorDate");
        if (anchor != null) {
            LocalDate anchorMonday = LocalDate.parse(anchor).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate thisMonday = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(world.now()), ZoneOffset.UTC)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            shiftDays = ChronoUnit.DAYS.between(anchorMonday, thisMonday);
        }
        for (JsonNode account : seed.path("accounts")) {
            Account created = world.ensureAccount(
                    Json.text(account, "email"), Json.text(account, "displayName"), Json.text(account, "timeZone"));
            String primarySummary = Json.text(account, "primarySummary");
            if (primarySummary != null) {
                world.write(() -> world.calendar(created.email).summary = primarySummary);
            }
            for (JsonNode calendar : account.path("calendars")) {
                world.addCalendar(
                        Json.text(account, "email"),
                        Json.text(calendar, "id"),
                        Json.text(calendar, "summary"),
                        Json.text(calendar, "timeZone"),
                        Json.text(calendar, "accessRole"),
                        Json.text(calendar, "owner"));
            }
        }
        Map<String, List<ObjectNode>> byCalendarAndActor = new LinkedHashMap<>();
        for (JsonNode entry : seed.path("events")) {
            ObjectNode event = ((ObjectNode) entry.get("event")).deepCopy();
            shift(event, shiftDays);
            String as = Json.text(entry, "as");
            if (as != null) {
                event.putObject("organizer").put("email", as).put("displayName", World.displayNameOf(as));
            }
            byCalendarAndActor
                    .computeIfAbsent(Json.text(entry, "calendarId"), k -> new ArrayList<>())
                    .add(event);
        }
        int created = 0;
        for (Map.Entry<String, List<ObjectNode>> group : byCalendarAndActor.entrySet()) {
            CalendarData calendar = world.read(() -> world.calendar(group.getKey()));
            if (calendar == null) {
                throw new IllegalArgumentException("seed names an unknown calendar: " + group.getKey());
            }
            String owner = calendar.ownerEmail != null ? calendar.ownerEmail : calendar.id;
            created += world.insertMany(calendar, group.getValue(), new Actor(owner, true));
        }
        return created;
    }

    private static void shift(ObjectNode event, long days) {
        if (days == 0) {
            return;
        }
        for (String field : List.of("start", "end")) {
            if (event.get(field) instanceof ObjectNode time) {
                if (time.hasNonNull("date")) {
                    time.put(
                            "date",
                            LocalDate.parse(time.get("date").asString())
                                    .plusDays(days)
                                    .toString());
                }
                if (time.hasNonNull("dateTime")) {
                    OffsetDateTime value =
                            OffsetDateTime.parse(time.get("dateTime").asString());
                    String zone = Json.text(time, "timeZone");
                    // keep the wall-clock time in the event's zone across DST changes
                    String shifted = zone == null
                            ? value.plusDays(days).toString()
                            : Times.formatDateTime(value.atZoneSameInstant(java.time.ZoneId.of(zone))
                                    .plusDays(days));
                    time.put("dateTime", shifted);
                }
            }
        }
    }
}
