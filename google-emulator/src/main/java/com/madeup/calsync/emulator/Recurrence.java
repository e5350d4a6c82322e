package com.madeup.calsync.emulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The RRULE subset the emulator expands: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL, COUNT, UNTIL, and
 * BYDAY (plain weekdays) for WEEKLY; EXDATE lines remove occurrences. Other parts are accepted and
 * ignored. Expansion stops at {@link #MAX_INSTANCES} occurrences or {@link #HORIZON_DAYS} after the
 * evaluation time, whichever comes first (Google expands further; clients should not care).
 */
final class Recurrence {

    static final int MAX_INSTANCES = 1000;
    static final int HORIZON_DAYS = 730;

    private static final DateTimeFormatter UNTIL_LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final String freq;
    private final int interval;
    private final int count;
    private final String until;
    private final List<DayOfWeek> byDay;
    private final Set<String> exdates;

    private Recurrence(String freq, int interval, int count, String until, List<DayOfWeek> byDay, Set<String> exdates) {
        this.freq = freq;
        this.interval = interval;
        this.count = count;
        this.until = until;
        this.byDay = byDay;
        this.exdates = exdates;
    }

    /** Parses an Event.recurrence array; null when it holds no RRULE. 400 on an unreadable rule. */
    static Recurrence parse(JsonNode lines) {
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            return null;
        }
        String freq = null;
        int interval = 1;
        int count = 0;
        String until = null;
        List<DayOfWeek> byDay = new ArrayList<>();
        Set<String> exdates = new HashSet<>();
        for (JsonNode line : lines) {
            String text = line.asString().trim();
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.startsWith("RRULE:")) {
                for (String part : text.substring(6).split(";")) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        throw invalid();
                    }
                    String key = part.substring(0, eq).toUpperCase(Locale.ROOT);
                    String value = part.substring(eq + 1).toUpperCase(Locale.ROOT);
                    try {
                        switch (key) {
                            case "FREQ" -> freq = value;
                            case "INTERVAL" -> interval = Integer.parseInt(value);
                            case "COUNT" -> count = Integer.parseInt(value);
                            case "UNTIL" -> until = value;
                            case "BYDAY" -> {
                                for (String day : value.split(",")) {
                                    byDay.add(weekday(day.replaceAll("^[+-]?\\d+", "")));
                                }
                            }
                            default -> {
                                // WKST, BYMONTH... accepted, not interpreted
                            }
                        }
                    } catch (NumberFormatException e) {
                        throw invalid();
                    }
                }
            } else if (upper.startsWith("EXDATE")) {
                String values = text.substring(text.indexOf(':') + 1);
                for (String value : values.split(",")) {
                    exdates.add(value.trim().toUpperCase(Locale.ROOT));
                }
            } else if (!upper.startsWith("RDATE") && !upper.startsWith("EXRULE")) {
                throw invalid();
            }
        }
        if (freq == null) {
            return null;
        }
        if (!Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY").contains(freq) || interval < 1 || count < 0) {
            throw invalid();
        }
        return new Recurrence(freq, interval, count, until, List.copyOf(byDay), Set.copyOf(exdates));
    }

    private static ApiError invalid() {
        return new ApiError(400, "global", "invalid", "Invalid recurrence rule.", null, null);
    }

    private static DayOfWeek weekday(String code) {
        return switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            case "SU" -> DayOfWeek.SUNDAY;
            default -> throw invalid();
        };
    }

    /** Occurrence starts of a timed series, in its zone, up to the horizon after {@code nowMillis}. */
    List<ZonedDateTime> expandTimed(ZonedDateTime first, long nowMillis) {
        long horizon = nowMillis + HORIZON_DAYS * 86_400_000L;
        long untilMillis = untilMillis(first.getZone());
        List<ZonedDateTime> result = new ArrayList<>();
        int generated = 0;
        for (LocalDate date : candidateDates(first.toLocalDate())) {
            ZonedDateTime start = ZonedDateTime.of(date, first.toLocalTime(), first.getZone());
            long millis = start.toInstant().toEpochMilli();
            if (millis < first.toInstant().toEpochMilli()) {
                continue;
            }
            if (millis > untilMillis || millis > horizon || (count > 0 && generated >= count)) {
                break;
            }
            generated++;
            String key = Times.INSTANCE_TIMED.format(start);
            String local = UNTIL_LOCAL.format(start);
            if (!exdates.contains(key) && !exdates.contains(local)) {
                result.add(start);
            }
            if (result.size() >= MAX_INSTANCES) {
                break;
            }
        }
        return result;
    }

    /** Occurrence dates of an all-day series. */
    List<LocalDate> expandAllDay(LocalDate first, ZoneId zone, long nowMillis) {
        long horizon = nowMillis + HORIZON_DAYS * 86_400_000L;
        long untilMillis = untilMillis(zone);
        List<LocalDate> result = new ArrayList<>();
        int generated = 0;
        for (LocalDate date : candidateDates(first)) {
            if (date.isBefore(first)) {
                continue;
            }
            long millis = date.atStartOfDay(zone).toInstant().toEpochMilli();
            if (millis > untilMillis || millis > horizon || (count > 0 && generated >= count)) {
                break;
            }
            generated++;
            if (!exdates.contains(Times.INSTANCE_DATE.format(date))) {
                result.add(date);
            }
            if (result.size() >= MAX_INSTANCES) {
                break;
            }
        }
        return result;
    }

    private long untilMillis(ZoneId zone) {
        if (until == null) {
            return Long.MAX_VALUE;
        }
        try {
            if (until.length() == 8) {
                return LocalDate.parse(until, Times.INSTANCE_DATE)
                                .plusDays(1)
                                .atStartOfDay(zone)
                                .toInstant()
                                .toEpochMilli()
                        - 1;
            }
            if (until.endsWith("Z")) {
                return LocalDateTime.parse(until.substring(0, until.length() - 1), UNTIL_LOCAL)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            }
            return LocalDateTime.parse(until, UNTIL_LOCAL)
                    .atZone(zone)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    /** Candidate dates in order; bounded so a rule that never matches cannot loop forever. */
    private Iterable<LocalDate> candidateDates(LocalDate first) {
        List<LocalDate> dates = new ArrayList<>();
        int limit = MAX_INSTANCES * 4 + HORIZON_DAYS * 2;
        switch (freq) {
            case "DAILY" -> {
                for (int k = 0; dates.size() < limit && k < 40_000; k++) {
                    dates.add(first.plusDays((long) k * interval));
                }
            }
            case "WEEKLY" -> {
                LocalDate weekStart = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                List<DayOfWeek> days = byDay.isEmpty()
                        ? List.of(first.getDayOfWeek())
                        : byDay.stream().sorted().distinct().toList();
                for (int k = 0; dates.size() < limit && k < 6_000; k++) {
                    LocalDate week = weekStart.plusWeeks((long) k * interval);
                    for (DayOfWeek day : days) {
                        dates.add(week.plusDays(day.getValue() - 1L));
                    }
                }
            }
            case "MONTHLY" -> {
                for (int k = 0; dates.size() < limit && k < 2_400; k++) {
                    LocalDate candidate = first.plusMonths((long) k * interval);
                    if (candidate.getDayOfMonth() == first.getDayOfMonth()) {
                        dates.add(candidate);
                    }
                }
            }
            default -> {
                for (int k = 0; dates.size() < limit && k < 400; k++) {
                    LocalDate candidate = first.plusYears((long) k * interval);
                    if (candidate.getDayOfMonth() == first.getDayOfMonth()) {
                        dates.add(candidate);
                    }
                }
            }
        }
        return dates;
    }

    static long daysBetween(LocalDate a, LocalDate b) {
        return ChronoUnit.DAYS.between(a, b);
    }
}
