package com.madeup.calsync.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Realistic, deterministic (seeded) events in bulk, for benchmarks and the demo seed. */
final class BulkEvents {

    /** The people the local stack also seeds as Persons. */
    static final List<String> PEOPLE = List.of(
            "alice.adams",
            "bob.brown",
            "carol.chen",
            "dan.diaz",
            "erin.evans",
            "frank.fischer",
            "grace.garcia",
            "henry.hughes",
            "irene.ito",
            "jack.jones",
            "kate.kim",
            "liam.lopez");

    static final String DOMAIN = "madeup.example";

    static final List<String> EXTERNAL = List.of(
            "partner@northwind.example", "jo.lee@contoso.example", "sam@fabrikam.example", "ops@tailspin.example");

    private static final List<String> TOPICS = List.of(
            "Standup",
            "Design review",
            "Quarterly planning",
            "1:1",
            "Customer call",
            "Budget sync",
            "Hiring panel",
            "Retro",
            "Architecture deep dive",
            "Lunch & learn",
            "Vendor demo",
            "Matter kickoff",
            "Contract review",
            "Roadmap check-in",
            "Incident review");
    private static final List<String> PLACES =
            List.of("Room Ada (3rd floor)", "Room Turing", "Berlin office", "Zoom", "Google Meet", "Cafeteria", "");
    private static final int[] DURATIONS = {15, 30, 30, 45, 60, 60, 60, 90, 120};

    private BulkEvents() {}

    static String person(int index) {
        return PEOPLE.get(index % PEOPLE.size()) + "@" + DOMAIN;
    }

    static List<ObjectNode> generate(
            int count, long seed, double recurringShare, boolean withAttendees, ZoneId zone, long nowMillis) {
        Random random = new Random(seed);
        LocalDate today = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
        List<ObjectNode> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode event = Json.object();
            String topic = TOPICS.get(random.nextInt(TOPICS.size()));
            event.put("summary", topic + " #" + (i + 1));
            event.put(
                    "description",
                    "Agenda: " + topic.toLowerCase() + ". Notes and follow-ups are tracked in the matter file. "
                            + "Generated event " + (i + 1) + " (seed " + seed + ").");
            String place = PLACES.get(random.nextInt(PLACES.size()));
            if (!place.isEmpty()) {
                event.put("location", place);
            }
            LocalDate day = today.plusDays(random.nextInt(365) - 180);
            boolean recurring = random.nextDouble() < recurringShare;
            if (!recurring && random.nextInt(20) == 0) {
                event.putObject("start").put("date", day.toString());
                event.putObject("end")
                        .put("date", day.plusDays(1 + random.nextInt(2)).toString());
                event.put("transparency", "transparent");
            } else {
                ZonedDateTime start = day.atTime(8 + random.nextInt(10), random.nextBoolean() ? 0 : 30)
                        .atZone(zone);
                ZonedDateTime end = start.plusMinutes(DURATIONS[random.nextInt(DURATIONS.length)]);
                event.putObject("start")
                        .put("dateTime", Times.formatDateTime(start))
                        .put("timeZone", zone.getId());
                event.putObject("end")
                        .put("dateTime", Times.formatDateTime(end))
                        .put("timeZone", zone.getId());
            }
            if (recurring) {
                String[] days = {"MO", "TU", "WE", "TH", "FR"};
                event.putArray("recurrence")
                        .add("RRULE:FREQ=WEEKLY;BYDAY=" + days[random.nextInt(days.length)] + ";COUNT="
                                + (4 + random.nextInt(20)));
            }
            if (withAttendees) {
                ArrayNode attendees = event.putArray("attendees");
                int n = 1 + random.nextInt(6);
                int offset = random.nextInt(PEOPLE.size());
                for (int k = 0; k < n; k++) {
                    ObjectNode attendee = attendees.addObject();
                    attendee.put("email", person(offset + k));
                    attendee.put(
                            "responseStatus",
                            pick(random, "needsAction", "accepted", "accepted", "tentative", "declined"));
                }
                if (random.nextInt(8) == 0) {
                    attendees
                            .addObject()
                            .put("email", EXTERNAL.get(random.nextInt(EXTERNAL.size())))
                            .put("responseStatus", "needsAction");
                }
            }
            if (random.nextInt(10) == 0) {
                event.putObject("extendedProperties")
                        .putObject("private")
                        .put("matter_id", "M-" + (1000 + random.nextInt(9000)));
            }
            out.add(event);
        }
        return out;
    }

    static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
