package com.madeup.calsync.dashboard.api;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.dashboard.event.EventAccess;
import com.madeup.calsync.store.event.EventRow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/calendar/events?from=&to=}: the signed-in user's picked calendars' events
 * overlapping [from, to). {@code from}/{@code to} are ISO dates (midnight in the user's zone) or
 * instants/offset date-times. At most {@value #MAX_DAYS} days per call.
 */
@RestController
class CalendarEventsApiController {

    static final int MAX_DAYS = 92;

    private final EventAccess access;

    CalendarEventsApiController(EventAccess access) {
        this.access = access;
    }

    @GetMapping("/api/calendar/events")
    ResponseEntity<?> events(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Instant start;
        Instant end;
        try {
            start = parse(from, "from", user.zone());
            end = parse(to, "to", user.zone());
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
        if (!end.isAfter(start)) {
            return badRequest("'to' must be after 'from'");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            return badRequest("the range may span at most " + MAX_DAYS + " days");
        }
        List<ApiEvent> events = access.inRange(user, start, end).stream()
                .map(located -> ApiEvent.of(located, access.canEdit(user, located)))
                .toList();
        return ResponseEntity.ok(Map.of("from", start.toString(), "to", end.toString(), "events", events));
    }

    private static ResponseEntity<Map<String, String>> badRequest(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "message", message));
    }

    private static Instant parse(String value, String name, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is required (an ISO date like 2026-11-23 or an"
                    + " instant like 2026-11-23T09:00:00Z)");
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + name + "' is not an ISO date or date-time with offset: '"
                    + value.substring(0, Math.min(value.length(), 40)) + "'");
        }
    }

    /** One event in the API's answer; times are ISO-8601 (UTC instants, or dates for all-day events). */
    record ApiEvent(
            long id,
            String calendarId,
            String providerEventId,
            String summary,
            String location,
            String description,
            boolean allDay,
            String start,
            String end,
            String startTimeZone,
            String organizerEmail,
            boolean organizedByConnectedUser,
            Long matterId,
            String status,
            String etag,
            List<String> attendees,
            boolean editable) {

        static ApiEvent of(EventAccess.Located located, boolean editable) {
            EventRow row = located.event().row();
            return new ApiEvent(
                    located.event().id(),
                    located.calendar().providerCalendarId(),
                    row.providerEventId(),
                    row.summary(),
                    row.location(),
                    row.description(),
                    row.allDay(),
                    row.allDay() ? row.startDate().toString() : row.startTime().toString(),
                    row.allDay() ? row.endDate().toString() : row.endTime().toString(),
                    row.startTimeZone(),
                    row.organizerEmail(),
                    row.organizedByConnectedUser(),
                    row.matterId(),
                    row.status(),
                    row.etag(),
                    row.invitations().stream().map(i -> i.email()).toList(),
                    editable);
        }
    }
}
