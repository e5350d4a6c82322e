package com.madeup.calsync.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the built-in demo seed ({@code demo-seed.json}): one account with three calendars and a few
 * hundred events around an anchor date. Deterministic; run {@code main} to regenerate the resource.
 */
final class DemoSeed {

    static final String RESOURCE = "/com/madeup/calsync/emulator/demo-seed.json";
    static final LocalDate ANCHOR = LocalDate.of(2026, 11, 23);
    static final String DEMO = "demo@madeup.example";
    static final String TEAM = "team-planning@group.calendar.madeup.example";
    static final String HOLIDAYS = "company-holidays@group.calendar.madeup.example";

    private DemoSeed() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "google-emulator/src/main/resources" + RESOURCE);
        Files.createDirectories(target.getParent());
        Files.write(target, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(build(ANCHOR)));
    }

    static ObjectNode build(LocalDate anchor) {
        Random random = new Random(20261123L);
        ObjectNode seed = Json.object();
        seed.put("anchorDate", anchor.toString());
        ObjectNode account = seed.putArray("accounts").addObject();
        account.put("email", DEMO).put("displayName", "Demo User").put("timeZone", "Europe/Berlin");
        account.put("primarySummary", "Demo User");
        ArrayNode calendars = account.putArray("calendars");
        calendars
                .addObject()
                .put("id", TEAM)
                .put("summary", "Team Planning")
                .put("timeZone", "America/New_York")
                .put("accessRole", "owner");
        calendars
                .addObject()
                .put("id", HOLIDAYS)
                .put("summary", "Company Holidays")
                .put("timeZone", "Europe/Berlin")
                .put("accessRole", "reader");
        ArrayNode events = seed.putArray("events");
        LocalDate monthStart = anchor.withDayOfMonth(1);
        LocalDate end = monthStart.plusMonths(2);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId newYork = ZoneId.of("America/New_York");
        // recurring weekly meetings on the primary calendar
        weekly(events, DEMO, null, "Team standup", "MO,TU,WE,TH,FR", monthStart, 9, 0, 15, berlin, 8, random);
        weekly(events, DEMO, null, "1:1 with Alice", "TH", monthStart, 14, 0, 30, berlin, 1, random);
        weekly(events, TEAM, null, "Planning sync", "WE", monthStart, 11, 0, 60, newYork, 6, random);
        weekly(
                events,
                DEMO,
                "grace.garcia@madeup.example",
                "Architecture guild",
                "TU",
                monthStart,
                16,
                0,
                60,
                berlin,
                5,
                random);
        String[] topics = {
            "Customer call",
            "Design review",
            "Contract review",
            "Matter kickoff",
            "Budget sync",
            "Hiring panel",
            "Vendor demo",
            "Roadmap check-in",
            "Retro",
            "Lunch with the team"
        };
        String[] places = {"Room Ada (3rd floor)", "Room Turing", "Google Meet", "Berlin office", "Zoom"};
        ZoneId[] zones = {berlin, berlin, berlin, newYork, ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/London")};
        for (LocalDate day = monthStart; day.isBefore(end); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            int perDay = 3 + random.nextInt(5);
            for (int i = 0; i < perDay; i++) {
                boolean team = random.nextInt(4) == 0;
                ZoneId zone = team ? newYork : zones[random.nextInt(zones.length)];
                int hour = 9 + random.nextInt(8);
                ZonedDateTime start =
                        day.atTime(hour, random.nextBoolean() ? 0 : 30).atZone(zone);
                ObjectNode entry = events.addObject();
                entry.put("calendarId", team ? TEAM : DEMO);
                ObjectNode event = entry.putObject("event");
                event.put("summary", topics[random.nextInt(topics.length)]);
                event.put("description", "Agenda and notes in the shared drive.");
                event.put("location", places[random.nextInt(places.length)]);
                event.putObject("start")
                        .put("dateTime", Times.formatDateTime(start))
                        .put("timeZone", zone.getId());
                event.putObject("end")
                        .put("dateTime", Times.formatDateTime(start.plusMinutes(30L * (1 + random.nextInt(4)))))
                        .put("timeZone", zone.getId());
                attendees(event, random, 1 + random.nextInt(7), team ? null : DEMO);
                if (!team && random.nextInt(5) == 0) {
                    // someone else organizes it: the demo user holds an attendee copy
                    String organizer = BulkEvents.person(random.nextInt(BulkEvents.PEOPLE.size()));
                    entry.put("as", organizer);
                }
                if (random.nextInt(6) == 0) {
                    event.putObject("extendedProperties")
                            .putObject("private")
                            .put("matter_id", "M-" + (1000 + random.nextInt(9000)));
                }
            }
        }
        // all-day events: holidays (read-only calendar) and out-of-office days
        String[][] holidays = {{"Company offsite", "3"}, {"Founders' Day", "10"}, {"Winter break", "24"}};
        for (int month = 0; month < 2; month++) {
            for (String[] holiday : holidays) {
                LocalDate day = monthStart.plusMonths(month).withDayOfMonth(Integer.parseInt(holiday[1]));
                ObjectNode event =
                        events.addObject().put("calendarId", HOLIDAYS).putObject("event");
                event.put("summary", holiday[0]);
                event.putObject("start").put("date", day.toString());
                event.putObject("end")
                        .put(
                                "date",
                                day.plusDays("Winter break".equals(holiday[0]) ? 3 : 1)
                                        .toString());
                event.put("transparency", "transparent");
            }
        }
        for (int i = 0; i < 6; i++) {
            LocalDate day = monthStart.plusDays(random.nextInt(56));
            ObjectNode event = events.addObject().put("calendarId", DEMO).putObject("event");
            event.put("summary", i % 2 == 0 ? "Out of office" : "Conference: JavaLand");
            event.putObject("start").put("date", day.toString());
            event.putObject("end")
                    .put("date", day.plusDays(1 + random.nextInt(3)).toString());
        }
        return seed;
    }

    private static void weekly(
            ArrayNode events,
            String calendarId,
            String organizer,
            String summary,
            String byDay,
            LocalDate from,
            int hour,
            int minute,
            int minutes,
            ZoneId zone,
            int attendees,
            Random random) {
        LocalDate first = from.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        ZonedDateTime start = first.atTime(hour, minute).atZone(zone);
        ObjectNode entry = events.addObject().put("calendarId", calendarId);
        if (organizer != null) {
            entry.put("as", organizer);
        }
        ObjectNode event = entry.putObject("event");
        event.put("summary", summary);
        event.putObject("start").put("dateTime", Times.formatDateTime(start)).put("timeZone", zone.getId());
        event.putObject("end")
                .put("dateTime", Times.formatDateTime(start.plusMinutes(minutes)))
                .put("timeZone", zone.getId());
        event.putArray("recurrence")
                .add("RRULE:FREQ=WEEKLY;BYDAY=" + byDay + ";COUNT=" + (byDay.length() > 2 ? 45 : 9));
        attendees(event, random, attendees, calendarId.equals(DEMO) ? DEMO : null);
    }

    private static void attendees(ObjectNode event, Random random, int count, String self) {
        ArrayNode list = event.putArray("attendees");
        if (self != null) {
            list.addObject().put("email", self).put("responseStatus", "accepted");
        }
        int offset = random.nextInt(BulkEvents.PEOPLE.size());
        for (int k = 0; k < count; k++) {
            list.addObject()
                    .put("email", BulkEvents.person(offset + k))
                    .put(
                            "responseStatus",
                            BulkEvents.pick(random, "needsAction", "accepted", "accepted", "tentative", "declined"));
        }
        if (random.nextInt(6) == 0) {
            list.addObject()
                    .put("email", BulkEvents.EXTERNAL.get(random.nextInt(BulkEvents.EXTERNAL.size())))
                    .put("responseStatus", "needsAction");
        }
    }
}
