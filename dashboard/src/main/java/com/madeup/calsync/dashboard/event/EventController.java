package com.madeup.calsync.dashboard.event;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.EventCommandRules;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.Invitee;
import com.madeup.calsync.model.MatterId;
import com.madeup.calsync.model.Violation;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.MatterRepository;
import com.madeup.calsync.store.account.Person;
import com.madeup.calsync.store.account.PersonRepository;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.InvitationRow;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The seed's event routes. Every change becomes an event command; the page then follows the
 * command's result. Edit and delete are refused (403, nothing sent) unless the user organizes the
 * event or is an admin, the same rule the outbound writer applies.
 */
@Controller
class EventController {

    private static final int LIST_DAYS = 30;

    private final EventAccess access;
    private final EventCommands commands;
    private final CommandResults results;
    private final PersonRepository persons;
    private final MatterRepository matters;
    private final DescriptionSanitizer sanitizer;
    private final EventCommandRules rules = new EventCommandRules();
    private final java.time.Clock clock;

    EventController(
            EventAccess access,
            EventCommands commands,
            CommandResults results,
            PersonRepository persons,
            MatterRepository matters,
            DescriptionSanitizer sanitizer,
            java.time.Clock clock) {
        this.access = access;
        this.commands = commands;
        this.results = results;
        this.persons = persons;
        this.matters = matters;
        this.sanitizer = sanitizer;
        this.clock = clock;
    }

    @GetMapping("/calendars_event")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(user.zone()));
        Instant from = today.atStartOfDay(user.zone()).toInstant();
        Instant to = today.plusDays(LIST_DAYS).atStartOfDay(user.zone()).toInstant();
        List<EventView> events = access.inRange(user, from, to).stream()
                .map(located -> EventView.of(located, user.zone(), access.canEdit(user, located), sanitizer))
                .toList();
        model.addAttribute("events", events);
        model.addAttribute("days", LIST_DAYS);
        model.addAttribute("canCreate", !access.writableCalendars(user).isEmpty());
        return "events/list";
    }

    @GetMapping("/calendars_event/{id}")
    String show(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        EventAccess.Located located = visible(user, id);
        model.addAttribute("event", EventView.of(located, user.zone(), access.canEdit(user, located), sanitizer));
        Long matterId = located.event().row().matterId();
        model.addAttribute(
                "matter", matterId == null ? null : matters.findById(matterId).orElse(null));
        return "events/show";
    }

    @GetMapping("/calendars_event/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        EventForm form = new EventForm();
        ZonedDateTime start = ZonedDateTime.now(clock.withZone(user.zone()))
                .plusHours(1)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        form.setStartDate(start.toLocalDate());
        form.setStartTime(start.toLocalTime());
        form.setEndDate(start.plusHours(1).toLocalDate());
        form.setEndTime(start.plusHours(1).toLocalTime());
        form.setTimeZone(user.zone().getId());
        return formPage(user, model, form, null);
    }

    @PostMapping("/calendars_event")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("form") EventForm form,
            BindingResult errors,
            Model model) {
        Optional<Calendar> calendar = access.writableCalendars(user).stream()
                .filter(c -> c.id().equals(form.getCalendarId()))
                .findFirst();
        if (calendar.isEmpty()) {
            errors.rejectValue("calendarId", "calendar", "Choose a calendar you can write to.");
        }
        Optional<EventDraft> draft = draft(form, errors);
        if (errors.hasErrors() || draft.isEmpty()) {
            return formPage(user, model, form, null);
        }
        CommandId commandId = commands.create(user, calendar.get(), draft.get());
        return "redirect:/commands/" + commandId;
    }

    @GetMapping("/calendars_event/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        EventAccess.Located located = editable(user, id);
        // EventDraft carries Persons only: say so before an update drops attendees known by email alone.
        model.addAttribute(
                "attendeesWithoutPerson",
                located.event().row().invitations().stream()
                        .filter(invitation -> invitation.personId() == null && !invitation.organizer())
                        .map(InvitationRow::email)
                        .toList());
        return formPage(user, model, formOf(located, user.zone()), located);
    }

    @PostMapping("/calendars_event/{id}")
    String update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable long id,
            @ModelAttribute("form") EventForm form,
            BindingResult errors,
            Model model) {
        EventAccess.Located located = editable(user, id);
        // Moving an event to another calendar is not supported: the calendar stays.
        form.setCalendarId(located.calendar().id());
        Optional<EventDraft> draft = draft(form, errors);
        if (errors.hasErrors() || draft.isEmpty()) {
            return formPage(user, model, form, located);
        }
        return "redirect:/commands/" + commands.update(user, located, draft.get());
    }

    @PostMapping("/calendars_event/{id}/delete")
    String delete(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        EventAccess.Located located = editable(user, id);
        return "redirect:/commands/" + commands.delete(user, located);
    }

    @GetMapping("/commands/{commandId}")
    String command(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID commandId, Model model) {
        CommandId id = new CommandId(commandId);
        if (!results.issuedBy(id, user.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("commandId", id.toString());
        model.addAttribute("status", results.status(id));
        return "events/command";
    }

    @GetMapping("/commands/{commandId}/status")
    @ResponseBody
    ResponseEntity<CommandResults.CommandStatus> commandStatus(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID commandId) {
        CommandId id = new CommandId(commandId);
        if (!results.issuedBy(id, user.id())) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(results.status(id));
    }

    private EventAccess.Located visible(CurrentUser user, long id) {
        return access.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private EventAccess.Located editable(CurrentUser user, long id) {
        EventAccess.Located located = visible(user, id);
        if (!access.canEdit(user, located)) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "Only the event's organizer or an admin may change it.");
        }
        return located;
    }

    private String formPage(CurrentUser user, Model model, EventForm form, EventAccess.Located editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing == null ? null : editing.event().id());
        model.addAttribute("pageTitle", editing == null ? "New event" : "Edit event");
        model.addAttribute("calendars", editing == null ? access.writableCalendars(user) : List.of(editing.calendar()));
        model.addAttribute(
                "persons",
                persons.findAll().stream()
                        .sorted(Comparator.comparing(Person::displayName, Comparator.nullsLast(String::compareTo)))
                        .toList());
        model.addAttribute("matters", matters.findAll());
        model.addAttribute("zones", commonZones(form.getTimeZone(), user.zone()));
        model.addAttribute("maxSummary", EventCommandRules.MAX_SUMMARY_LENGTH);
        model.addAttribute("maxLocation", EventCommandRules.MAX_LOCATION_LENGTH);
        model.addAttribute("maxDescription", EventCommandRules.MAX_DESCRIPTION_LENGTH);
        return "events/form";
    }

    private static List<String> commonZones(String chosen, ZoneId userZone) {
        java.util.TreeSet<String> zones = new java.util.TreeSet<>(List.of(
                "UTC",
                "Europe/London",
                "Europe/Berlin",
                "America/New_York",
                "America/Los_Angeles",
                "Asia/Tokyo",
                userZone.getId()));
        if (chosen != null && !chosen.isBlank()) {
            zones.add(chosen);
        }
        return List.copyOf(zones);
    }

    /** Builds the draft, recording every problem on the form; empty when it cannot be built. */
    private Optional<EventDraft> draft(EventForm form, BindingResult errors) {
        if (form.getStartDate() == null && !errors.hasFieldErrors("startDate")) {
            errors.rejectValue("startDate", "required", "Enter a start date.");
        }
        if (form.getEndDate() == null && !errors.hasFieldErrors("endDate")) {
            errors.rejectValue("endDate", "required", "Enter an end date.");
        }
        EventTime start = null;
        EventTime end = null;
        if (form.getStartDate() != null && form.getEndDate() != null) {
            if (form.isAllDay()) {
                start = EventTime.allDay(form.getStartDate());
                // The form's end date is inclusive; Google's is exclusive.
                end = EventTime.allDay(form.getEndDate().plusDays(1));
            } else {
                ZoneId zone = zone(form.getTimeZone(), errors);
                LocalTime startTime = required(form.getStartTime(), "startTime", "Enter a start time.", errors);
                LocalTime endTime = required(form.getEndTime(), "endTime", "Enter an end time.", errors);
                if (zone != null && startTime != null && endTime != null) {
                    start = EventTime.at(
                            ZonedDateTime.of(form.getStartDate(), startTime, zone)
                                    .toOffsetDateTime(),
                            zone.getId());
                    end = EventTime.at(
                            ZonedDateTime.of(form.getEndDate(), endTime, zone).toOffsetDateTime(), zone.getId());
                }
            }
        }
        Set<Long> knownPersons = persons.findAllById(form.getInviteeIds()).stream()
                .map(Person::id)
                .collect(Collectors.toSet());
        if (!knownPersons.containsAll(form.getInviteeIds())) {
            errors.rejectValue("inviteeIds", "unknown", "Choose invitees from the list.");
        }
        if (form.getMatterId() != null && !matters.existsById(form.getMatterId())) {
            errors.rejectValue("matterId", "unknown", "Choose a matter from the list.");
        }
        if (start == null || end == null) {
            return Optional.empty();
        }
        EventDraft draft = new EventDraft(
                blankToNull(form.getSummary()),
                blankToNull(form.getLocation()),
                blankToNull(form.getDescription()),
                start,
                end,
                form.getInviteeIds().stream().distinct().map(Invitee::of).toList(),
                form.getMatterId() == null ? null : new MatterId(form.getMatterId()));
        for (Violation violation : rules.validateDraft(draft)) {
            errors.rejectValue(formField(violation.field()), violation.code(), violation.message());
        }
        return Optional.of(draft);
    }

    private static final Map<String, String> FIELDS =
            Map.of("start.timeZone", "timeZone", "end.timeZone", "timeZone", "end", "endDate");

    private static String formField(String draftField) {
        return FIELDS.getOrDefault(draftField, draftField);
    }

    private static ZoneId zone(String name, BindingResult errors) {
        try {
            return ZoneId.of(name == null || name.isBlank() ? "UTC" : name);
        } catch (DateTimeException e) {
            errors.rejectValue("timeZone", "unknown_time_zone", "Choose a known time zone.");
            return null;
        }
    }

    private static LocalTime required(LocalTime value, String field, String message, BindingResult errors) {
        if (value == null && !errors.hasFieldErrors(field)) {
            errors.rejectValue(field, "required", message);
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static EventForm formOf(EventAccess.Located located, ZoneId userZone) {
        EventRow row = located.event().row();
        EventForm form = new EventForm();
        form.setCalendarId(located.calendar().id());
        form.setSummary(row.summary());
        form.setLocation(row.location());
        form.setDescription(row.description());
        form.setAllDay(row.allDay());
        if (row.allDay()) {
            form.setStartDate(row.startDate());
            form.setEndDate(row.endDate().minusDays(1));
            form.setTimeZone(userZone.getId());
        } else {
            ZoneId zone = zoneOr(row.startTimeZone(), userZone);
            form.setTimeZone(zone.getId());
            form.setStartDate(row.startTime().atZone(zone).toLocalDate());
            form.setStartTime(row.startTime().atZone(zone).toLocalTime());
            form.setEndDate(row.endTime().atZone(zone).toLocalDate());
            form.setEndTime(row.endTime().atZone(zone).toLocalTime());
        }
        form.setInviteeIds(row.invitations().stream()
                .map(InvitationRow::personId)
                .filter(java.util.Objects::nonNull)
                .toList());
        form.setMatterId(row.matterId());
        return form;
    }

    private static ZoneId zoneOr(String name, ZoneId fallback) {
        try {
            return name == null ? fallback : ZoneId.of(name);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
