package com.madeup.calsync.emulator;

import com.madeup.calsync.emulator.Account.ListEntry;
import com.madeup.calsync.emulator.World.Access;
import com.madeup.calsync.emulator.World.Actor;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The unauthenticated test and demo controls under /emulator/ (see the README for the contract). */
final class AdminApi {

    static final String PREFIX = "/emulator/";

    private final World world;
    private final TokenStore tokens;
    private final PushDispatcher push;
    private final Faults faults;
    private final Quota quota;
    private final Stats stats;
    private final WriteLog writes;
    private final OAuthServer oauth;

    AdminApi(
            World world,
            TokenStore tokens,
            PushDispatcher push,
            Faults faults,
            Quota quota,
            Stats stats,
            WriteLog writes,
            OAuthServer oauth) {
        this.world = world;
        this.tokens = tokens;
        this.push = push;
        this.faults = faults;
        this.quota = quota;
        this.stats = stats;
        this.writes = writes;
        this.oauth = oauth;
    }

    Response handle(Request request) {
        List<String> s = request.segmentsAfter(PREFIX);
        String m = request.method;
        String first = s.isEmpty() ? "" : s.getFirst();
        switch (first) {
            case "accounts" -> {
                if (s.size() == 1 && m.equals("POST")) {
                    return createAccount(Json.parseObject(request.body));
                }
                if (s.size() == 3 && s.get(2).equals("calendars") && m.equals("POST")) {
                    return addCalendar(s.get(1), Json.parseObject(request.body));
                }
                if (s.size() == 4 && s.get(2).equals("calendars") && m.equals("DELETE")) {
                    world.removeFromList(s.get(1), s.get(3));
                    return Response.noContent();
                }
            }
            case "calendars" -> {
                if (s.size() == 3 && s.get(2).equals("events") && m.equals("POST")) {
                    Access access = adminAccess(s.get(1));
                    String as = request.param("as");
                    Actor actor = new Actor(as == null ? owner(access.calendar()) : World.normalizeEmail(as), true);
                    StoredEvent stored = world.insert(access, actor, Json.parseObject(request.body));
                    return Response.jsonBytes(200, stored.bytes());
                }
                if (s.size() == 4 && s.get(2).equals("events") && m.equals("PATCH")) {
                    Access access = adminAccess(s.get(1));
                    StoredEvent stored = world.modify(
                            access,
                            new Actor(owner(access.calendar()), true),
                            s.get(3),
                            Json.parseObject(request.body),
                            World.WriteKind.PATCH,
                            request.header("If-Match"));
                    return Response.jsonBytes(200, stored.bytes());
                }
                if (s.size() == 4 && s.get(2).equals("events") && m.equals("DELETE")) {
                    Access access = adminAccess(s.get(1));
                    world.delete(access, new Actor(owner(access.calendar()), true), s.get(3), null);
                    return Response.noContent();
                }
                if (s.size() == 3 && s.get(2).equals("generate") && m.equals("POST")) {
                    return generate(s.get(1), Json.parseObject(request.body));
                }
                if (s.size() == 3 && s.get(2).equals("burst") && m.equals("POST")) {
                    return burst(s.get(1), Json.parseObject(request.body));
                }
            }
            case "tokens" -> {
                if (s.size() == 2 && s.get(1).equals("revoke") && m.equals("POST")) {
                    return revokeTokens(Json.parseObject(request.body));
                }
            }
            case "access-tokens" -> {
                if (s.size() == 2 && s.get(1).equals("expire") && m.equals("POST")) {
                    String email = World.normalizeEmail(Json.text(Json.parseObject(request.body), "email"));
                    return Response.json(200, Json.object().put("expired", tokens.expireAccess(email)));
                }
            }
            case "sync-tokens" -> {
                if (s.size() == 2 && s.get(1).equals("invalidate") && m.equals("POST")) {
                    world.invalidateSyncTokens(Json.text(Json.parseObject(request.body), "calendarId"));
                    return Response.json(200, Json.object().put("invalidated", true));
                }
            }
            case "push" -> {
                if (s.size() == 1 && m.equals("PUT")) {
                    return pushMode(Json.parseObject(request.body));
                }
            }
            case "faults" -> {
                if (s.size() == 1 && m.equals("POST")) {
                    return addFault(Json.parseObject(request.body));
                }
                if (s.size() == 1 && m.equals("DELETE")) {
                    faults.clear();
                    return Response.noContent();
                }
            }
            case "quota" -> {
                if (s.size() == 1 && m.equals("PUT")) {
                    ObjectNode body = Json.parseObject(request.body);
                    int limit = body.path("perUserPerMinute").asInt(quota.perUserPerMinute());
                    Integer status = body.has("status")
                            ? ("alternate".equals(body.get("status").asString())
                                    ? 0
                                    : body.get("status").asInt())
                            : null;
                    if (limit < 0 || (status != null && status != 403 && status != 429 && status != 0)) {
                        throw ApiError.badRequest(
                                "invalid", "perUserPerMinute >= 0 and status 403, 429 or \"alternate\" expected.");
                    }
                    quota.configure(limit, status);
                    return Response.json(
                            200, Json.object().put("perUserPerMinute", limit).put("status", quota.status()));
                }
            }
            case "oauth" -> {
                if (s.size() == 1 && m.equals("PUT")) {
                    JsonNode value = Json.parseObject(request.body).get("autoConsent");
                    if (value == null || !value.isBoolean()) {
                        throw ApiError.badRequest("invalid", "autoConsent (boolean) expected.");
                    }
                    oauth.setAutoConsent(value.asBoolean());
                    return Response.json(200, Json.object().put("autoConsent", value.asBoolean()));
                }
            }
            case "state" -> {
                if (s.size() == 1 && m.equals("GET")) {
                    ObjectNode state = world.dump();
                    state.set("channels", push.dump());
                    return Response.json(200, state);
                }
            }
            case "stats" -> {
                if (s.size() == 1 && m.equals("GET")) {
                    return Response.json(200, stats.json());
                }
                if (s.size() == 2 && s.get(1).equals("reset") && m.equals("POST")) {
                    stats.reset();
                    return Response.noContent();
                }
            }
            case "writes" -> {
                if (s.size() == 1 && m.equals("GET")) {
                    return Response.json(200, writes.json());
                }
                if (s.size() == 1 && m.equals("DELETE")) {
                    writes.clear();
                    return Response.noContent();
                }
            }
            case "reset" -> {
                if (s.size() == 1 && m.equals("POST")) {
                    world.reset();
                    tokens.clear();
                    push.clear();
                    faults.clear();
                    stats.reset();
                    writes.clear();
                    return Response.noContent();
                }
            }
            default -> {
                // falls through to 404
            }
        }
        throw ApiError.notFound();
    }

    private Access adminAccess(String calendarId) {
        return world.read(() -> {
            CalendarData calendar = world.calendar(calendarId);
            if (calendar == null) {
                throw ApiError.notFound();
            }
            return new Access(calendar, new ListEntry(calendar.id, "owner", false));
        });
    }

    private static String owner(CalendarData calendar) {
        return calendar.ownerEmail != null ? calendar.ownerEmail : calendar.id;
    }

    private Response createAccount(ObjectNode body) {
        Account account = world.ensureAccount(
                Json.text(body, "email"), Json.text(body, "displayName"), Json.text(body, "timeZone"));
        TokenStore.Grant grant = new TokenStore.Grant(account.email, Scopes.ALL, null);
        TokenStore.RefreshToken refresh = tokens.issueRefresh(grant);
        TokenStore.AccessToken access = tokens.issueAccess(grant, refresh.value);
        ObjectNode out = Json.object();
        out.put("email", account.email);
        out.put("accessToken", access.value);
        out.put("refreshToken", refresh.value);
        out.put("expiresIn", tokens.accessTokenTtl().toSeconds());
        return Response.json(200, out);
    }

    private Response addCalendar(String email, ObjectNode body) {
        ObjectNode entry = world.addCalendar(
                email,
                Json.text(body, "id"),
                Json.text(body, "summary"),
                Json.text(body, "timeZone"),
                Json.text(body, "accessRole"),
                Json.text(body, "owner"));
        return Response.json(200, entry);
    }

    private Response generate(String calendarId, ObjectNode body) {
        CalendarData calendar = adminAccess(calendarId).calendar();
        int count = body.path("count").asInt(100);
        if (count < 0 || count > 1_000_000) {
            throw ApiError.badRequest("invalid", "count must be 0..1000000");
        }
        double recurringShare = body.path("recurringShare").asDouble(0.0);
        List<ObjectNode> events = BulkEvents.generate(
                count,
                body.path("seed").asLong(1),
                recurringShare,
                body.path("withAttendees").asBoolean(true),
                calendar.zone,
                world.now());
        int created = world.insertMany(calendar, events, new Actor(owner(calendar), true));
        return Response.json(200, Json.object().put("created", created));
    }

    /**
     * {@code changes} patches of the calendar's plain (not recurring, not cancelled) events, round
     * robin in id order, spread evenly over {@code durationMillis}; each is a separate change with its
     * own push, as if a user or a script edited the calendar quickly. Answers when the last is made.
     */
    private Response burst(String calendarId, ObjectNode body) {
        Access access = adminAccess(calendarId);
        int changes = body.path("changes").asInt(0);
        long durationMillis = body.path("durationMillis").asLong(1000);
        if (changes < 1 || changes > 100_000 || durationMillis < 0 || durationMillis > 600_000) {
            throw ApiError.badRequest("invalid", "changes must be 1..100000 and durationMillis 0..600000");
        }
        List<String> targets = world.read(() -> {
            List<String> ids = new java.util.ArrayList<>();
            for (StoredEvent event : access.calendar().events.all()) {
                if (!event.cancelled && event.recurringEventId == null && !event.json.has("recurrence")) {
                    ids.add(event.id);
                }
            }
            ids.sort(null);
            return ids;
        });
        if (targets.isEmpty()) {
            throw ApiError.badRequest("invalid", "the calendar has no plain event to change");
        }
        Actor actor = new Actor(owner(access.calendar()), true);
        long start = System.nanoTime();
        String lastId = null;
        String lastLocation = null;
        for (int i = 0; i < changes; i++) {
            long due = start + durationMillis * 1_000_000L * i / changes;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            lastId = targets.get(i % targets.size());
            lastLocation = "burst " + i;
            world.modify(
                    access, actor, lastId, Json.object().put("location", lastLocation), World.WriteKind.PATCH, null);
        }
        return Response.json(
                200,
                Json.object()
                        .put("changes", changes)
                        .put("events", Math.min(changes, targets.size()))
                        .put("lastEventId", lastId)
                        .put("lastLocation", lastLocation)
                        .put("tookMillis", (System.nanoTime() - start) / 1_000_000));
    }

    private Response revokeTokens(ObjectNode body) {
        String refreshToken = Json.text(body, "refreshToken");
        if (refreshToken != null) {
            if (!tokens.revoke(refreshToken)) {
                throw ApiError.notFound();
            }
            return Response.json(200, Json.object().put("revoked", 1));
        }
        String email = World.normalizeEmail(Json.text(body, "email"));
        return Response.json(200, Json.object().put("revoked", tokens.revokeAll(email)));
    }

    private Response pushMode(ObjectNode body) {
        String mode = Json.text(body, "mode");
        PushDispatcher.Mode parsed;
        try {
            parsed = PushDispatcher.Mode.valueOf(mode == null ? "" : mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid", "mode must be deliver, drop or delay");
        }
        long delay = body.path("delayMillis").asLong(0);
        push.setMode(parsed, delay);
        return Response.json(200, Json.object().put("mode", mode).put("delayMillis", delay));
    }

    private Response addFault(ObjectNode body) {
        int status = body.path("status").asInt(503);
        if (status < 400 || status > 599) {
            throw ApiError.badRequest("invalid", "status must be 4xx or 5xx");
        }
        String reason = Json.text(body, "reason");
        if (reason == null) {
            reason = status == 429 || status == 403 ? "rateLimitExceeded" : "backendError";
        }
        Pattern path = null;
        String regex = Json.text(body, "pathRegex");
        if (regex != null) {
            try {
                path = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw ApiError.badRequest("invalid", "pathRegex does not compile: " + e.getDescription());
            }
        }
        int count = body.path("count").asInt(0);
        double fraction = body.path("fraction").asDouble(0.0);
        if (count <= 0 && (fraction <= 0 || fraction > 1)) {
            throw ApiError.badRequest("invalid", "count > 0 or 0 < fraction <= 1 expected");
        }
        Integer retryAfter =
                body.has("retryAfterSeconds") ? body.get("retryAfterSeconds").asInt() : null;
        faults.add(new Faults.Rule(status, reason, Json.text(body, "method"), path, retryAfter, fraction, count));
        return Response.json(200, body);
    }
}
