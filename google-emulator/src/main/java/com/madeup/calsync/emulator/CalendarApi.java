package com.madeup.calsync.emulator;

import com.madeup.calsync.emulator.Account.ListEntry;
import com.madeup.calsync.emulator.World.Access;
import com.madeup.calsync.emulator.World.Actor;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** The Calendar v3 methods under /calendar/v3, with Google's auth, scope and quota checks. */
final class CalendarApi {

    static final String PREFIX = "/calendar/v3/";

    private final World world;
    private final TokenStore tokens;
    private final EventListing listing;
    private final PushDispatcher push;
    private final Quota quota;
    private final WriteLog writes;
    private final Supplier<URI> publicUrl;

    CalendarApi(
            World world,
            TokenStore tokens,
            EventListing listing,
            PushDispatcher push,
            Quota quota,
            WriteLog writes,
            Supplier<URI> publicUrl) {
        this.world = world;
        this.tokens = tokens;
        this.listing = listing;
        this.push = push;
        this.quota = quota;
        this.writes = writes;
        this.publicUrl = publicUrl;
    }

    /** The Discovery method id a request maps to, or null when no method matches (404). */
    static String methodId(Request request) {
        List<String> s = request.segmentsAfter(PREFIX);
        String m = request.method;
        if (s.size() >= 3
                && s.get(0).equals("users")
                && s.get(1).equals("me")
                && s.get(2).equals("calendarList")) {
            if (s.size() == 3 && m.equals("GET")) {
                return "calendar.calendarList.list";
            }
            if (s.size() == 4 && s.get(3).equals("watch") && m.equals("POST")) {
                return "calendar.calendarList.watch";
            }
            if (s.size() == 4 && m.equals("GET")) {
                return "calendar.calendarList.get";
            }
            return null;
        }
        if (s.size() == 2 && s.get(0).equals("channels") && s.get(1).equals("stop") && m.equals("POST")) {
            return "calendar.channels.stop";
        }
        if (s.isEmpty() || !s.get(0).equals("calendars")) {
            return null;
        }
        if (s.size() == 2 && m.equals("GET")) {
            return "calendar.calendars.get";
        }
        if (s.size() < 3 || !s.get(2).equals("events")) {
            return null;
        }
        if (s.size() == 3) {
            return switch (m) {
                case "GET" -> "calendar.events.list";
                case "POST" -> "calendar.events.insert";
                default -> null;
            };
        }
        if (s.size() == 4 && s.get(3).equals("watch") && m.equals("POST")) {
            return "calendar.events.watch";
        }
        if (s.size() == 4) {
            return switch (m) {
                case "GET" -> "calendar.events.get";
                case "PUT" -> "calendar.events.update";
                case "PATCH" -> "calendar.events.patch";
                case "DELETE" -> "calendar.events.delete";
                default -> null;
            };
        }
        if (s.size() == 5 && s.get(4).equals("instances") && m.equals("GET")) {
            return "calendar.events.instances";
        }
        return null;
    }

    Response handle(Request request, String methodId) {
        TokenStore.Grant grant = authenticate(request);
        if (!Scopes.allows(grant.scopes(), methodId)) {
            throw ApiError.insufficientPermissions();
        }
        quota.charge(grant.email());
        Account account = world.read(() -> world.account(grant.email()));
        if (account == null) {
            throw ApiError.unauthorized();
        }
        List<String> s = request.segmentsAfter(PREFIX);
        return switch (methodId) {
            case "calendar.calendarList.list" -> calendarList(request, account);
            case "calendar.calendarList.get" -> calendarListGet(account, s.get(3));
            case "calendar.calendarList.watch" -> watchCalendarList(request, account);
            case "calendar.calendars.get" -> {
                Access access = access(account, s.get(1));
                yield Response.json(200, world.read(() -> World.calendarJson(access.calendar())));
            }
            case "calendar.events.list" -> eventsList(request, account, s.get(1));
            case "calendar.events.insert" -> eventsInsert(request, account, s.get(1));
            case "calendar.events.get" -> eventsGet(request, account, s.get(1), s.get(3));
            case "calendar.events.update" ->
                eventsModify(request, account, s.get(1), s.get(3), World.WriteKind.UPDATE, methodId);
            case "calendar.events.patch" ->
                eventsModify(request, account, s.get(1), s.get(3), World.WriteKind.PATCH, methodId);
            case "calendar.events.delete" -> eventsDelete(request, account, s.get(1), s.get(3));
            case "calendar.events.instances" -> eventsInstances(request, account, s.get(1), s.get(3));
            case "calendar.events.watch" -> watchEvents(request, account, s.get(1));
            case "calendar.channels.stop" -> stopChannel(request, account);
            default -> throw ApiError.notFound();
        };
    }

    private TokenStore.Grant authenticate(Request request) {
        String header = request.header("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (request.param("access_token") != null) {
            token = request.param("access_token");
        } else if (request.param("oauth_token") != null) {
            token = request.param("oauth_token");
        }
        if (token == null || token.isEmpty()) {
            throw ApiError.loginRequired();
        }
        TokenStore.Grant grant = tokens.authenticate(token);
        if (grant == null) {
            throw ApiError.unauthorized();
        }
        return grant;
    }

    private Access access(Account account, String calendarId) {
        return world.read(() -> world.access(account, calendarId));
    }

    // ---------------------------------------------------------------- calendarList

    private Response calendarList(Request request, Account account) {
        int max = intParam(request, "maxResults", 100, 250);
        String syncToken = request.param("syncToken");
        boolean showDeleted = "true".equals(request.param("showDeleted")) || syncToken != null;
        boolean showHidden = "true".equals(request.param("showHidden")) || syncToken != null;
        String minAccessRole = request.param("minAccessRole");
        if (syncToken != null && minAccessRole != null) {
            throw ApiError.badRequest("invalid", "Some requested parameters are not compatible with sync token.")
                    .locate("syncToken");
        }
        String resource = "calendarList:" + account.email;
        return Response.jsonBytes(200, world.read(() -> {
            long fromSeq = 0;
            if (syncToken != null) {
                Tokens.SyncToken parsed = Tokens.parseSync(syncToken);
                if (parsed == null || parsed.resourceHash() != resource.hashCode()) {
                    throw ApiError.invalidParameter("syncToken", "Invalid sync token value.");
                }
                if (!parsed.generation().equals(world.generation()) || parsed.epoch() != account.listTokenEpoch) {
                    throw ApiError.fullSyncRequired();
                }
                fromSeq = parsed.seq();
            }
            int offset = 0;
            long snapshot = world.currentSeq();
            if (request.param("pageToken") != null) {
                Tokens.PageCursor cursor = Tokens.parsePage(request.param("pageToken"));
                if (cursor == null || cursor.resourceHash() != resource.hashCode()) {
                    throw ApiError.invalidParameter("pageToken", "Invalid page token value.");
                }
                offset = cursor.offset();
                snapshot = cursor.snapshot();
            }
            int minRank = rank(minAccessRole);
            List<byte[]> matching = new ArrayList<>();
            List<ListEntry> entries = new ArrayList<>(account.calendarList.values());
            entries.sort((a, b) -> Long.compare(a.seq, b.seq));
            for (ListEntry entry : entries) {
                if (entry.seq <= fromSeq || entry.seq > snapshot) {
                    continue;
                }
                if ((entry.deleted && !showDeleted)
                        || (entry.hidden && !showHidden)
                        || rank(entry.accessRole) < minRank) {
                    continue;
                }
                CalendarData calendar = world.calendar(entry.calendarId);
                if (calendar != null) {
                    matching.add(Json.bytes(world.listEntryJson(calendar, entry)));
                }
            }
            int to = Math.min(matching.size(), offset + max);
            ObjectNode head = Json.object();
            head.put("kind", "calendar#calendarList");
            head.put("etag", "\"p" + Long.toString(snapshot, 32) + "\"");
            if (to < matching.size()) {
                head.put(
                        "nextPageToken",
                        Tokens.page(new Tokens.PageCursor(
                                world.generation(), resource.hashCode(), snapshot, 0, 0, fromSeq, to)));
            } else {
                head.put("nextSyncToken", Tokens.sync(world.generation(), resource, account.listTokenEpoch, snapshot));
            }
            return Json.withItems(head, matching.subList(Math.min(offset, matching.size()), to));
        }));
    }

    private static int rank(String role) {
        if (role == null) {
            return 0;
        }
        return switch (role) {
            case "freeBusyReader" -> 1;
            case "reader" -> 2;
            case "writer" -> 3;
            case "owner" -> 4;
            default -> throw ApiError.invalidParameter("minAccessRole", "Invalid value for minAccessRole.");
        };
    }

    private Response calendarListGet(Account account, String calendarId) {
        return Response.json(200, world.read(() -> {
            Access access = world.access(account, calendarId);
            return world.listEntryJson(access.calendar(), access.entry());
        }));
    }

    // ---------------------------------------------------------------- events

    private Response eventsList(Request request, Account account, String calendarId) {
        Access access = access(account, calendarId);
        String showDeleted = request.param("showDeleted");
        String updatedMin = request.param("updatedMin");
        String timeMin = request.param("timeMin");
        String timeMax = request.param("timeMax");
        EventListing.Query query = new EventListing.Query(
                intParam(request, "maxResults", EventListing.DEFAULT_MAX_RESULTS, EventListing.MAX_MAX_RESULTS),
                request.param("pageToken"),
                request.param("syncToken"),
                showDeleted == null ? null : Boolean.valueOf(showDeleted),
                "true".equals(request.param("singleEvents")),
                request.param("orderBy"),
                timeMin == null ? null : Times.parameter(timeMin, "timeMin"),
                timeMax == null ? null : Times.parameter(timeMax, "timeMax"),
                updatedMin == null ? null : Times.parameter(updatedMin, "updatedMin"),
                request.param("q"),
                request.param("iCalUID"),
                request.params("privateExtendedProperty"),
                request.params("sharedExtendedProperty"),
                request.params("eventTypes"));
        return Response.jsonBytes(200, listing.list(access, query));
    }

    private Response eventsInstances(Request request, Account account, String calendarId, String eventId) {
        Access access = access(account, calendarId);
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : List.of("showDeleted", "timeMin", "timeMax", "originalStart", "pageToken")) {
            if (request.param(name) != null) {
                params.put(name, request.param(name));
            }
        }
        int max = intParam(request, "maxResults", EventListing.DEFAULT_MAX_RESULTS, EventListing.MAX_MAX_RESULTS);
        return Response.jsonBytes(200, listing.instances(access, eventId, params, max));
    }

    private Response eventsInsert(Request request, Account account, String calendarId) {
        Access access = access(account, calendarId);
        String sendUpdates = sendUpdates(request);
        ObjectNode body = Json.parseObject(request.body);
        StoredEvent stored = world.insert(access, new Actor(account.email, false), body);
        writes.record(new WriteLog.Write("calendar.events.insert", access.calendar().id, stored.id, sendUpdates));
        return Response.jsonBytes(200, stored.bytes());
    }

    private Response eventsGet(Request request, Account account, String calendarId, String eventId) {
        Access access = access(account, calendarId);
        ObjectNode event = world.get(access, eventId);
        String etag = Json.text(event, "etag");
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && etag != null && ifNoneMatch.trim().equals(etag)) {
            // conditional retrieval: unchanged since the client's copy
            return new Response(304, null, new byte[0], new LinkedHashMap<>()).withHeader("ETag", etag);
        }
        return Response.json(200, event).withHeader("ETag", etag);
    }

    private Response eventsModify(
            Request request,
            Account account,
            String calendarId,
            String eventId,
            World.WriteKind kind,
            String methodId) {
        Access access = access(account, calendarId);
        String sendUpdates = sendUpdates(request);
        ObjectNode body = Json.parseObject(request.body);
        StoredEvent stored =
                world.modify(access, new Actor(account.email, false), eventId, body, kind, request.header("If-Match"));
        writes.record(new WriteLog.Write(methodId, access.calendar().id, eventId, sendUpdates));
        return Response.jsonBytes(200, stored.bytes());
    }

    private Response eventsDelete(Request request, Account account, String calendarId, String eventId) {
        Access access = access(account, calendarId);
        String sendUpdates = sendUpdates(request);
        world.delete(access, new Actor(account.email, false), eventId, request.header("If-Match"));
        writes.record(new WriteLog.Write("calendar.events.delete", access.calendar().id, eventId, sendUpdates));
        return Response.noContent();
    }

    /** The {@code sendUpdates} parameter, checked before anything is written; null when absent. */
    private static String sendUpdates(Request request) {
        String value = request.param("sendUpdates");
        if (value != null && !List.of("all", "externalOnly", "none").contains(value)) {
            throw ApiError.invalidParameter("sendUpdates", "Invalid value for: sendUpdates");
        }
        return value;
    }

    // ---------------------------------------------------------------- push

    private Response watchEvents(Request request, Account account, String calendarId) {
        Access access = access(account, calendarId);
        String id = access.calendar().id;
        if (id.endsWith("@group.v.calendar.google.com")) {
            // Google's holiday and birthday calendars cannot be watched
            throw ApiError.badRequest(
                    "pushNotSupportedForRequestedResource", "Push notifications are not supported by this resource.");
        }
        String uri = publicUrl.get() + PREFIX + "calendars/" + encode(id) + "/events?" + resourceQuery(request);
        PushDispatcher.Channel channel =
                push.watch(Json.parseObject(request.body), account.email, PushDispatcher.Kind.EVENTS, id, uri);
        return Response.json(200, PushDispatcher.channelJson(channel));
    }

    private Response watchCalendarList(Request request, Account account) {
        String uri = publicUrl.get() + PREFIX + "users/me/calendarList?" + resourceQuery(request);
        PushDispatcher.Channel channel = push.watch(
                Json.parseObject(request.body), account.email, PushDispatcher.Kind.CALENDAR_LIST, account.email, uri);
        return Response.json(200, PushDispatcher.channelJson(channel));
    }

    /** Google's resourceUri repeats the watch's list parameters and ends with alt=json. */
    private static String resourceQuery(Request request) {
        StringBuilder out = new StringBuilder();
        request.query.forEach((name, values) -> {
            if (!name.equals("alt") && !name.equals("access_token") && !name.equals("oauth_token")) {
                for (String value : values) {
                    out.append(encode(name)).append('=').append(encode(value)).append('&');
                }
            }
        });
        return out.append("alt=json").toString();
    }

    private Response stopChannel(Request request, Account account) {
        ObjectNode body = Json.parseObject(request.body);
        String id = Json.text(body, "id");
        String resourceId = Json.text(body, "resourceId");
        if (id == null || id.isBlank()) {
            throw ApiError.required("Required", "id");
        }
        if (resourceId == null || resourceId.isBlank()) {
            throw ApiError.required("Required", "resourceId");
        }
        push.stop(id, resourceId, account.email);
        return Response.noContent();
    }

    // ---------------------------------------------------------------- helpers

    static int intParam(Request request, String name, int defaultValue, int max) {
        String raw = request.param(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1) {
                throw ApiError.invalidParameter(
                        name, "Invalid value '" + raw + "'. Values must be within the range: [1, " + max + "]");
            }
            return Math.min(value, max);
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter(
                    name, "Invalid value '" + raw + "'. Values must be within the range: [1, " + max + "]");
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
