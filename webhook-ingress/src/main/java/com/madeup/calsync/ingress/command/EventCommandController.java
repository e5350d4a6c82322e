package com.madeup.calsync.ingress.command;

import com.madeup.calsync.ingress.KafkaSender;
import com.madeup.calsync.ingress.Publishing;
import com.madeup.calsync.ingress.command.CommandMetrics.Outcome;
import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.model.Actor;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.DeleteEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventCommandRules;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.UpdateEventCommand;
import com.madeup.calsync.model.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event commands from upstream apps: authenticate the app by its bearer token, read and check the
 * command, stamp {@code actor.via} with {@code upstream:<client>}, publish it to {@link
 * Topics#EVENT_COMMAND} keyed by {@code meta.connectionId}, and answer 202 once Kafka acknowledged.
 * Whether the actor may write that event is the outbound writer's check, not this one.
 */
@RestController
final class EventCommandController {

    static final String PATH = "/api/calendar/event-commands";
    static final String VIA_PREFIX = "upstream:";

    private static final Logger log = LoggerFactory.getLogger(EventCommandController.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final CommandClients clients;
    private final KafkaSender sender;
    private final JsonMapper jsonMapper;
    private final EventCommandRules rules;
    private final CommandMetrics metrics;
    private final int bodyLimit;
    private final Duration publishTimeout;
    private final String retryAfterSeconds;

    EventCommandController(
            CommandClients clients,
            KafkaSender sender,
            JsonMapper jsonMapper,
            EventCommandRules rules,
            CommandMetrics metrics,
            IngressProperties properties) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.bodyLimit = properties.commandBodyLimitBytes();
        this.publishTimeout = properties.publishTimeout();
        this.retryAfterSeconds =
                Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
        if (clients.isEmpty()) {
            log.warn("No calsync.ingress.command-clients configured: every event command will be answered 401");
        }
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        Optional<String> client = clients.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (client.isEmpty()) {
            metrics.count(Outcome.UNAUTHORIZED);
            log.warn("Rejected an event command: missing or unknown bearer token");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(error("missing or unknown bearer token"));
        }
        byte[] body = readBody(request);
        if (body == null) {
            metrics.count(Outcome.TOO_LARGE);
            log.info("Rejected an event command from {}: body over {} bytes", client.get(), bodyLimit);
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(error("body is larger than " + bodyLimit + " bytes"));
        }
        EventCommand command;
        try {
            command = jsonMapper.readValue(body, EventCommand.class);
        } catch (JacksonException e) {
            metrics.count(Outcome.MALFORMED);
            String reason = describe(e);
            log.info("Rejected an event command from {}: {}", client.get(), reason);
            return ResponseEntity.badRequest().body(error(reason));
        }
        if (command == null) {
            metrics.count(Outcome.MALFORMED);
            return ResponseEntity.badRequest().body(error("body must be a JSON event command"));
        }
        List<Violation> violations = rules.validate(command);
        if (!violations.isEmpty()) {
            metrics.count(Outcome.INVALID);
            log.info(
                    "Rejected event command {} from {}: {}",
                    command.commandId(),
                    client.get(),
                    violations.stream().map(Violation::field).collect(Collectors.joining(", ")));
            return ResponseEntity.unprocessableContent()
                    .body(Map.of("error", "the command breaks the event rules", "violations", violations));
        }
        EventCommand stamped = withVia(command, VIA_PREFIX + client.get());
        Throwable failure = Publishing.await(
                sender.send(Topics.EVENT_COMMAND, stamped.meta().connectionId().toString(), stamped), publishTimeout);
        if (failure == null) {
            metrics.count(Outcome.PUBLISHED);
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(Map.of("commandId", stamped.commandId().toString()));
        }
        metrics.count(Outcome.KAFKA_UNAVAILABLE);
        log.warn(
                "Could not publish event command {} from {}; answered 503: {}",
                stamped.commandId(),
                client.get(),
                failure.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .body(error("kafka unavailable, retry later with the same commandId"));
    }

    /** The body, or null when it is larger than the limit (declared or actual). */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > bodyLimit) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(bodyLimit + 1);
            return body.length > bodyLimit ? null : body;
        }
    }

    /**
     * The command with {@code actor.via} set to {@code upstream:<client>}, so an upstream app can
     * never pass its command off as coming from the dashboard.
     */
    static EventCommand withVia(EventCommand command, String via) {
        Actor actor = new Actor(command.actor().userId(), via);
        return switch (command) {
            case CreateEventCommand c ->
                new CreateEventCommand(c.meta(), c.commandId(), actor, c.calendarId(), c.eventId(), c.draft());
            case UpdateEventCommand u ->
                new UpdateEventCommand(
                        u.meta(), u.commandId(), actor, u.calendarId(), u.eventId(), u.draft(), u.expectedEtag());
            case DeleteEventCommand d ->
                new DeleteEventCommand(d.meta(), d.commandId(), actor, d.calendarId(), d.eventId(), d.expectedEtag());
        };
    }

    /** Where the JSON went wrong and why, without echoing the input at length. */
    private static String describe(JacksonException e) {
        Throwable cause = e.getCause();
        String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        String reason = (path.isEmpty() ? "" : "at '" + path + "': ") + (why == null ? "unreadable JSON" : why);
        reason = reason.replaceAll("\\s+", " ");
        return reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) + "..." : reason;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }
}
