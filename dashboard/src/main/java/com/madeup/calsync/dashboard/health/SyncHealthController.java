package com.madeup.calsync.dashboard.health;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.dashboard.connect.SyncRequestPublisher;
import com.madeup.calsync.messaging.PublishFailedException;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code GET /sync-health}: per connection and calendar, last sync and push channel expiry. {@code
 * POST /sync-health/calendars/{id}/resync}: asks the sync worker for a full sync of one of the user's
 * calendars (a {@code SyncRequested}, reason {@code operator}, mode {@code full}), at most once per
 * {@link #RESYNC_COOL_DOWN} per calendar, since each costs a full listing at Google.
 */
@Controller
class SyncHealthController {

    /** A full resync of a calendar is refused this soon after the last one was asked for or ran. */
    static final Duration RESYNC_COOL_DOWN = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(SyncHealthController.class);

    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;
    private final SubscriptionStore subscriptions;
    private final SyncRequestPublisher sync;
    private final Clock clock;
    /** Calendar row id → when this instance last asked for its full resync. */
    private final Map<Long, Instant> resyncsAsked = new ConcurrentHashMap<>();

    SyncHealthController(
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            SubscriptionStore subscriptions,
            SyncRequestPublisher sync,
            Clock clock) {
        this.connections = connections;
        this.calendars = calendars;
        this.subscriptions = subscriptions;
        this.sync = sync;
        this.clock = clock;
    }

    @GetMapping("/sync-health")
    String health(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<ConnectionHealth> health = connections.findByUserId(user.id()).stream()
                .map(connection -> {
                    List<CalendarSubscription> channels = subscriptions.findOpenByConnection(connection.id());
                    List<CalendarHealth> rows = calendars.findPicked(connection.id()).stream()
                            .map(calendar -> new CalendarHealth(calendar, channelExpiry(channels, calendar)))
                            .toList();
                    return new ConnectionHealth(connection, connection.status() == ConnectionStatus.NEEDS_REAUTH, rows);
                })
                .toList();
        model.addAttribute("connections", health);
        return "sync-health";
    }

    @PostMapping("/sync-health/calendars/{id}/resync")
    String resync(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        Calendar calendar = calendars
                .findById(id)
                .filter(found -> found.picked() && found.removedAt() == null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ProviderConnection connection = connections.findByUserId(user.id()).stream()
                .filter(owned -> owned.id().equals(calendar.connectionId()))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)); // not this user's: not shown
        redirect.addFlashAttribute("notice", askForResync(connection, calendar));
        return "redirect:/sync-health";
    }

    /** Publishes the request unless something stands against it; returns what to tell the user. */
    private String askForResync(ProviderConnection connection, Calendar calendar) {
        if (connection.status() != ConnectionStatus.ACTIVE) {
            return "Google is not connected for " + calendar.summary() + " right now; reconnect first.";
        }
        Instant now = clock.instant();
        Instant lastAsked = resyncsAsked.get(calendar.id());
        Instant recent = later(lastAsked, calendar.lastFullSyncAt());
        if (recent != null && now.isBefore(recent.plus(RESYNC_COOL_DOWN))) {
            return "A full sync of " + calendar.summary() + " was asked for or ran at " + recent + "; try again after "
                    + recent.plus(RESYNC_COOL_DOWN) + ".";
        }
        try {
            sync.request(connection.id(), calendar.providerCalendarId(), SyncReason.OPERATOR, SyncMode.FULL);
        } catch (PublishFailedException e) {
            log.warn("Could not ask for a full resync of calendar {}: {}", calendar.id(), e.getMessage());
            return "The resync could not be sent (the message queue did not answer); please try again.";
        }
        resyncsAsked.put(calendar.id(), now);
        return "Full resync of " + calendar.summary() + " asked for; its last full sync time changes when it is done.";
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant channelExpiry(List<CalendarSubscription> channels, Calendar calendar) {
        return channels.stream()
                .filter(channel -> channel.providerCalendarIds().contains(calendar.providerCalendarId()))
                .map(CalendarSubscription::expiration)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    record ConnectionHealth(ProviderConnection connection, boolean needsReauth, List<CalendarHealth> calendars) {}

    record CalendarHealth(Calendar calendar, Instant channelExpiresAt) {}
}
