package com.madeup.calsync.dashboard.event;

import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.InvitationRow;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What a page shows of one stored event, in the viewer's time zone. Texts are the provider's,
 * untrusted: templates print them with {@code th:text}; only {@link #descriptionHtml} is markup,
 * and it has been through {@link DescriptionSanitizer}.
 */
public record EventView(
        long id,
        String summary,
        String location,
        String description,
        String descriptionHtml,
        boolean allDay,
        ZonedDateTime start,
        ZonedDateTime end,
        LocalDate startDate,
        LocalDate endDateInclusive,
        String when,
        String time,
        String calendarSummary,
        String organizerEmail,
        boolean organizedByConnectedUser,
        List<InvitationRow> invitations,
        Long matterId,
        String status,
        boolean editable) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    static EventView of(EventAccess.Located located, ZoneId zone, boolean editable, DescriptionSanitizer sanitizer) {
        EventRow row = located.event().row();
        ZonedDateTime start = row.allDay() ? null : row.startTime().atZone(zone);
        ZonedDateTime end = row.allDay() ? null : row.endTime().atZone(zone);
        LocalDate endInclusive = row.allDay() ? row.endDate().minusDays(1) : null;
        String when;
        String time;
        if (row.allDay()) {
            time = "all day";
            when = endInclusive.equals(row.startDate())
                    ? DAY.format(row.startDate()) + ", all day"
                    : DAY.format(row.startDate()) + " – " + DAY.format(endInclusive) + ", all day";
        } else {
            time = TIME.format(start) + "–" + TIME.format(end);
            when = start.toLocalDate().equals(end.toLocalDate())
                    ? DAY.format(start) + ", " + TIME.format(start) + "–" + TIME.format(end)
                    : DAY.format(start) + " " + TIME.format(start) + " – " + DAY.format(end) + " " + TIME.format(end);
            when = when + " (" + zone.getId() + ")";
        }
        String summary = row.summary() == null || row.summary().isBlank() ? "(no title)" : row.summary();
        return new EventView(
                located.event().id(),
                summary,
                row.location(),
                row.description(),
                sanitizer.sanitize(row.description()),
                row.allDay(),
                start,
                end,
                row.allDay() ? row.startDate() : start.toLocalDate(),
                row.allDay() ? endInclusive : end.toLocalDate(),
                when,
                time,
                located.calendar().summary(),
                row.organizerEmail(),
                row.organizedByConnectedUser(),
                row.invitations(),
                row.matterId(),
                row.status(),
                editable);
    }

    /** Whether the event touches the given day in the viewer's zone (for the grid). */
    public boolean occursOn(LocalDate day) {
        if (allDay) {
            return !day.isBefore(startDate) && !day.isAfter(endDateInclusive);
        }
        ZonedDateTime dayStart = day.atStartOfDay(start.getZone());
        ZonedDateTime dayEnd = day.plusDays(1).atStartOfDay(start.getZone());
        return start.isBefore(dayEnd) && (end.isAfter(dayStart) || start.equals(dayStart));
    }
}
