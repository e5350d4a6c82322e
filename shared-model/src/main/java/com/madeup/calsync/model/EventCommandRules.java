package com.madeup.calsync.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules an event command must pass before it is written: the seed's length limits on what users
 * type, a time order that makes sense, and a time zone the provider knows. Pure and stateless: used by
 * webhook-ingress and dashboard to answer early, and by outbound-writer, which rejects a command that
 * breaks them with {@link ResultReason#VALIDATION_FAILED}. Provider data ({@link EventState}) is not
 * subject to these rules.
 */
public final class EventCommandRules {

    /** Longest summary a user may type (characters, i.e. Unicode code points). */
    public static final int MAX_SUMMARY_LENGTH = 140;
    /** Longest location a user may type. */
    public static final int MAX_LOCATION_LENGTH = 140;
    /** Longest description a user may type. */
    public static final int MAX_DESCRIPTION_LENGTH = 600;

    /** A text is longer than its limit. */
    public static final String TOO_LONG = "too_long";
    /** The end is not after the start. */
    public static final String END_NOT_AFTER_START = "end_not_after_start";
    /** One end is all-day and the other timed. */
    public static final String MIXED_TIME_KINDS = "mixed_time_kinds";
    /** The time zone is not in this JVM's time-zone database. */
    public static final String UNKNOWN_TIME_ZONE = "unknown_time_zone";
    /** A create's event id is not one the provider accepts. */
    public static final String INVALID_EVENT_ID = "invalid_event_id";

    private static final Set<String> KNOWN_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    /** Every rule {@code command} breaks; empty when it may be written. */
    public List<Violation> validate(EventCommand command) {
        List<Violation> violations = new ArrayList<>();
        switch (command) {
            case CreateEventCommand create -> {
                if (create.eventId() != null
                        && !EventIds.isValidClientId(create.eventId().value())) {
                    violations.add(new Violation(
                            "eventId", INVALID_EVENT_ID, "must be 5 to 1024 characters of a-v and 0-9 (or left out)"));
                }
                checkDraft(create.draft(), "draft.", violations);
            }
            case UpdateEventCommand update -> checkDraft(update.draft(), "draft.", violations);
            case DeleteEventCommand delete -> {
                // A delete carries nothing a user typed.
            }
        }
        return List.copyOf(violations);
    }

    /** Every rule {@code draft} breaks, with field names relative to the draft (e.g. a form). */
    public List<Violation> validateDraft(EventDraft draft) {
        List<Violation> violations = new ArrayList<>();
        checkDraft(draft, "", violations);
        return List.copyOf(violations);
    }

    private static void checkDraft(EventDraft draft, String prefix, List<Violation> violations) {
        checkLength(draft.summary(), prefix + "summary", MAX_SUMMARY_LENGTH, violations);
        checkLength(draft.location(), prefix + "location", MAX_LOCATION_LENGTH, violations);
        checkLength(draft.description(), prefix + "description", MAX_DESCRIPTION_LENGTH, violations);
        checkZone(draft.start(), prefix + "start.timeZone", violations);
        checkZone(draft.end(), prefix + "end.timeZone", violations);
        checkOrder(draft.start(), draft.end(), prefix + "end", violations);
    }

    private static void checkLength(String text, String field, int max, List<Violation> violations) {
        if (text == null) {
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            violations.add(new Violation(field, TOO_LONG, "must be at most " + max + " characters, was " + length));
        }
    }

    private static void checkZone(EventTime time, String field, List<Violation> violations) {
        if (time.timeZone() != null && !KNOWN_ZONES.contains(time.timeZone())) {
            violations.add(
                    new Violation(field, UNKNOWN_TIME_ZONE, "'" + time.timeZone() + "' is not a known IANA time zone"));
        }
    }

    private static void checkOrder(EventTime start, EventTime end, String field, List<Violation> violations) {
        if (start.isAllDay() != end.isAllDay()) {
            violations.add(new Violation(
                    field, MIXED_TIME_KINDS, "start and end must both be all-day dates or both be times"));
        } else if (start.isAllDay() && !end.date().isAfter(start.date())) {
            violations.add(new Violation(
                    field,
                    END_NOT_AFTER_START,
                    "the end date must be after the start date (it is exclusive: one day ends the next day)"));
        } else if (!start.isAllDay()
                && !end.dateTime().toInstant().isAfter(start.dateTime().toInstant())) {
            violations.add(new Violation(field, END_NOT_AFTER_START, "must be after the start"));
        }
    }
}
