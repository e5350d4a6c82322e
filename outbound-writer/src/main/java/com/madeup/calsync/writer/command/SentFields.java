package com.madeup.calsync.writer.command;

import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event fields a write sends, kept in the ledger as the write's intent ({@code outbound_intents},
 * as JSON) before the provider call. A field left null was not sent. {@link #carriedBy} tells
 * whether the provider's event already has them, i.e. whether an earlier attempt got through.
 *
 * @param summary the title sent; "" clears it
 * @param location the location sent
 * @param description the description sent
 * @param start the start sent (always together with the end)
 * @param end the end sent
 * @param attendeeEmails the e-mail addresses of the guest list sent (sent whole when sent)
 * @param privateProperties the private extended properties sent; "" unlinks
 */
record SentFields(
        String summary,
        String location,
        String description,
        EventTime start,
        EventTime end,
        List<String> attendeeEmails,
        Map<String, String> privateProperties) {

    static SentFields of(EventDraft draft) {
        return new SentFields(
                draft.summary(),
                draft.location(),
                draft.description(),
                draft.start(),
                draft.end(),
                draft.attendees() == null
                        ? null
                        : draft.attendees().stream()
                                .map(ProviderAttendee::email)
                                .toList(),
                draft.privateProperties());
    }

    /** Whether {@code event} holds every field sent, compared the way the provider stores them. */
    boolean carriedBy(ProviderEvent event) {
        if (event.cancelled()) {
            return false;
        }
        return sameText(summary, event.summary())
                && sameText(location, event.location())
                && sameText(description, event.description())
                && sameTime(start, event.start())
                && sameTime(end, event.end())
                && sameGuests(event)
                && sameProperties(event.privateProperties());
    }

    private static boolean sameText(String sent, String held) {
        return sent == null || sent.equals(held == null ? "" : held);
    }

    private static boolean sameTime(EventTime sent, EventTime held) {
        if (sent == null) {
            return true;
        }
        if (held == null || sent.allDay() != held.allDay()) {
            return false;
        }
        if (sent.allDay()) {
            return sent.localDate().equals(held.localDate());
        }
        // The provider may write the same instant with another offset.
        return sent.offsetDateTime().toInstant().equals(held.offsetDateTime().toInstant())
                && (sent.timeZone() == null || sent.timeZone().equals(held.timeZone()));
    }

    /** The organizer may or may not be listed among the attendees, so both sides leave it out. */
    private boolean sameGuests(ProviderEvent event) {
        if (attendeeEmails == null) {
            return true;
        }
        String organizer = event.organizer() == null || event.organizer().email() == null
                ? null
                : lower(event.organizer().email());
        Set<String> sent = attendeeEmails.stream()
                .map(SentFields::lower)
                .filter(email -> !email.equals(organizer))
                .collect(Collectors.toSet());
        Set<String> held = event.attendees().stream()
                .map(ProviderAttendee::email)
                .filter(Objects::nonNull)
                .map(SentFields::lower)
                .filter(email -> !email.equals(organizer))
                .collect(Collectors.toSet());
        return sent.equals(held);
    }

    /** An empty value unlinks; the provider may keep it as "" or drop the key. */
    private boolean sameProperties(Map<String, String> held) {
        if (privateProperties == null) {
            return true;
        }
        return privateProperties.entrySet().stream()
                .allMatch(sent -> Objects.requireNonNullElse(sent.getValue(), "")
                        .equals(Objects.requireNonNullElse(held.get(sent.getKey()), "")));
    }

    private static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
