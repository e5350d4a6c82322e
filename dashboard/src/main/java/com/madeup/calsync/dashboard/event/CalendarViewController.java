package com.madeup.calsync.dashboard.event;

import com.madeup.calsync.dashboard.account.CurrentUser;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A server-rendered week or month grid of the picked calendars, in the user's time zone. */
@Controller
class CalendarViewController {

    private static final DateTimeFormatter TITLE_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TITLE_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final EventAccess access;
    private final DescriptionSanitizer sanitizer;
    private final Clock clock;

    CalendarViewController(EventAccess access, DescriptionSanitizer sanitizer, Clock clock) {
        this.access = access;
        this.sanitizer = sanitizer;
        this.clock = clock;
    }

    @GetMapping("/calendar")
    String calendar(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "week") String view,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Model model) {
        boolean month = "month".equals(view);
        LocalDate today = LocalDate.now(clock.withZone(user.zone()));
        LocalDate anchor = date == null ? today : date;
        LocalDate first;
        LocalDate last;
        if (month) {
            first = anchor.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = anchor.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        } else {
            first = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = first.plusDays(6);
        }
        List<EventView> events = access
                .inRange(
                        user,
                        first.atStartOfDay(user.zone()).toInstant(),
                        last.plusDays(1).atStartOfDay(user.zone()).toInstant())
                .stream()
                .map(located -> EventView.of(located, user.zone(), access.canEdit(user, located), sanitizer))
                .toList();
        List<Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate current = day;
            days.add(new Day(
                    day,
                    day.getDayOfMonth(),
                    day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH),
                    day.equals(today),
                    !month || day.getMonth() == anchor.getMonth(),
                    events.stream().filter(e -> e.occursOn(current)).toList()));
        }
        List<List<Day>> weeks = new ArrayList<>();
        for (int i = 0; i < days.size(); i += 7) {
            weeks.add(days.subList(i, i + 7));
        }
        model.addAttribute("view", month ? "month" : "week");
        model.addAttribute("weeks", weeks);
        model.addAttribute(
                "title", month ? TITLE_MONTH.format(anchor) : TITLE_DAY.format(first) + " – " + TITLE_DAY.format(last));
        model.addAttribute("previous", month ? anchor.minusMonths(1) : anchor.minusWeeks(1));
        model.addAttribute("next", month ? anchor.plusMonths(1) : anchor.plusWeeks(1));
        model.addAttribute("date", anchor);
        model.addAttribute("zone", user.zone().getId());
        model.addAttribute("hasCalendars", !access.visibleCalendars(user).isEmpty());
        return "calendar";
    }

    /** One cell of the grid. */
    record Day(
            LocalDate date, int dayOfMonth, String weekday, boolean today, boolean inPeriod, List<EventView> events) {}
}
