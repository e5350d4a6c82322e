package com.madeup.calsync.dashboard.connect;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.provider.AuthorizationRequest;
import com.madeup.calsync.provider.PkceVerifier;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Connect Google (OAuth authorization code + PKCE), pick calendars, disconnect. */
@Controller
class ConnectController {

    private final GoogleConnect connect;
    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;

    ConnectController(GoogleConnect connect, ProviderConnectionRepository connections, CalendarRepository calendars) {
        this.connect = connect;
        this.connections = connections;
        this.calendars = calendars;
    }

    @GetMapping("/connect/google")
    String start(HttpSession session) {
        AuthorizationRequest request = connect.start(null);
        session.setAttribute(
                PendingAuthorization.SESSION_KEY,
                new PendingAuthorization(request.state(), request.codeVerifier().value()));
        return "redirect:" + request.url();
    }

    @GetMapping("/connect/google/callback")
    String callback(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Object pending = session.getAttribute(PendingAuthorization.SESSION_KEY);
        // One use only: a replayed or second callback finds nothing.
        session.removeAttribute(PendingAuthorization.SESSION_KEY);
        if (!(pending instanceof PendingAuthorization authorization) || !authorization.stateMatches(state)) {
            return failed(
                    response,
                    model,
                    "This sign-in answer does not belong to a connect you started here"
                            + " (unknown or expired state). Please start again.");
        }
        if (error != null) {
            return failed(response, model, "Google did not grant access (" + error + "). Nothing was connected.");
        }
        if (code == null || code.isBlank()) {
            return failed(response, model, "Google's answer had no authorization code. Please start again.");
        }
        GoogleConnect.ConnectOutcome outcome =
                connect.complete(user.id(), code, new PkceVerifier(authorization.codeVerifier()));
        return switch (outcome) {
            case GoogleConnect.ConnectOutcome.Connected connected -> "redirect:/calendars?connected";
            case GoogleConnect.ConnectOutcome.Failed failed -> failed(response, model, failed.message());
        };
    }

    private static String failed(HttpServletResponse response, Model model, String message) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("message", message);
        return "connect-failed";
    }

    @GetMapping("/calendars")
    String calendars(@AuthenticationPrincipal CurrentUser user, Model model) {
        Optional<ProviderConnection> connection =
                connections.findByUserIdAndProvider(user.id(), GoogleConnect.PROVIDER);
        List<Calendar> listed = connection
                .map(c -> calendars.findByConnectionIdOrderById(c.id()).stream()
                        .filter(calendar -> calendar.removedAt() == null)
                        .toList())
                .orElse(List.of());
        model.addAttribute("connection", connection.orElse(null));
        model.addAttribute(
                "active",
                connection.map(c -> c.status() == ConnectionStatus.ACTIVE).orElse(false));
        model.addAttribute("calendars", listed);
        return "calendars";
    }

    @PostMapping("/calendars")
    String pick(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "picked", required = false) List<Long> picked,
            RedirectAttributes redirect) {
        GoogleConnect.PickOutcome outcome =
                connect.pick(user.id(), picked == null ? new HashSet<>() : new HashSet<>(picked));
        redirect.addFlashAttribute(
                "notice",
                "Saved. " + outcome.picked() + " calendar(s) added to sync, " + outcome.unpicked() + " removed.");
        return "redirect:/calendars";
    }

    @PostMapping("/connect/google/disconnect")
    String disconnect(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        boolean done = connect.disconnect(user.id());
        redirect.addFlashAttribute(
                "notice",
                done
                        ? "Google disconnected. Your synced events stay visible read-only until you reconnect."
                        : "There was no active Google connection.");
        return "redirect:/calendars";
    }
}
