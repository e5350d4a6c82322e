package com.madeup.calsync.emulator;

import com.madeup.calsync.emulator.Account.ListEntry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated Google data: accounts, calendar lists, calendars and events, and every change to them.
 * One read-write lock guards it; each change takes a global, increasing change sequence number that
 * sync tokens and page tokens point into.
 */
final class World {

    /** Told after a change, outside the lock (push notifications). */
    interface ChangeListener {
        void eventsChanged(String calendarId);

        void calendarListChanged(String email);
    }

    /** Who makes a change: through the API (checked like Google) or through the admin API (not). */
    record Actor(String email, boolean admin) {}

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, CalendarData> calendars = new LinkedHashMap<>();
    private ChangeListener listener = new ChangeListener() {
        @Override
        public void eventsChanged(String calendarId) {}

        @Override
        public void calendarListChanged(String email) {}
    };
    private long seq;
    private long lastStamp;
    /** Changes on every start and reset, so tokens from an earlier world answer 410. */
    private String generation;

    World(Clock clock) {
        this.clock = clock;
        this.generation = newGeneration();
    }

    void setListener(ChangeListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    long now() {
        return clock.millis();
    }

    String generation() {
        return generation;
    }

    SecureRandom random() {
        return random;
    }

    private String newGeneration() {
        return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    long currentSeq() {
        return seq;
    }

    /** Next change number; caller holds the write lock. */
    long nextSeq() {
        return ++seq;
    }

    /** Strictly increasing microsecond stamp: the etag and {@code updated} of a version. */
    long nextStamp() {
        lastStamp = Math.max(lastStamp + 1, clock.millis() * 1000);
        return lastStamp;
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void reset() {
        write(() -> {
            accounts.clear();
            calendars.clear();
            generation = newGeneration();
            return null;
        });
    }

    // ---------------------------------------------------------------- accounts and calendars

    Account account(String email) {
        return email == null ? null : accounts.get(email.toLowerCase(Locale.ROOT));
    }

    List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    CalendarData calendar(String id) {
        return calendars.get(id);
    }

    /** Creates the account with its primary calendar (id = email), or returns the existing one. */
    Account ensureAccount(String rawEmail, String displayName, String timeZone) {
        String email = normalizeEmail(rawEmail);
        boolean[] created = {false};
        Account account = write(() -> {
            Account existing = accounts.get(email);
            if (existing != null) {
                return existing;
            }
            Account fresh = new Account(email, displayName == null ? displayNameOf(email) : displayName);
            accounts.put(email, fresh);
            CalendarData primary = calendars.get(email);
            if (primary == null) {
                primary = new CalendarData(email, email, timeZone == null ? "UTC" : timeZone, email);
                touch(primary);
                calendars.put(email, primary);
            } else {
                primary.ownerEmail = email;
            }
            ListEntry entry = new ListEntry(email, "owner", true);
            addEntry(fresh, entry);
            created[0] = true;
            return fresh;
        });
        if (created[0]) {
            listener.calendarListChanged(email);
        }
        return account;
    }

    static String normalizeEmail(String email) {
        if (email == null || !email.contains("@") || email.isBlank() || email.length() > 254) {
            throw new ApiError(400, "global", "invalid", "A valid email is required.", null, "email");
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static String displayNameOf(String email) {
        String local = email.substring(0, email.indexOf('@'));
        StringBuilder out = new StringBuilder();
        for (String part : local.split("[._-]")) {
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ")
                        .append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1));
            }
        }
        return out.toString();
    }

    private void addEntry(Account account, ListEntry entry) {
        entry.seq = nextSeq();
        entry.stamp = nextStamp();
        account.calendarList.put(entry.calendarId, entry);
    }

    private void touch(CalendarData calendar) {
        calendar.stamp = nextStamp();
        calendar.updatedMillis = calendar.stamp / 1000;
    }

    /**
     * Adds a calendar to an account's list: a new calendar the account owns, or (reader/writer) one
     * owned by someone else and shared to it. An existing calendar id is shared as it is.
     */
    ObjectNode addCalendar(
            String email, String id, String summary, String timeZone, String accessRole, String ownerEmail) {
        String role = accessRole == null ? "owner" : accessRole;
        if (!Set.of("owner", "writer", "reader", "freeBusyReader").contains(role)) {
            throw new ApiError(400, "global", "invalid", "Invalid accessRole: " + role, null, "accessRole");
        }
        ObjectNode result = write(() -> {
            Account account = accounts.get(normalizeEmail(email));
            if (account == null) {
                throw ApiError.notFound();
            }
            String calendarId = id != null ? id : EventShapes.newId(random) + "@group.calendar.google.com";
            CalendarData calendar = calendars.get(calendarId);
            if (calendar == null) {
                String tz = timeZone == null ? "UTC" : timeZone;
                Times.zone(tz, "timeZone");
                String owner = "owner".equals(role) ? account.email : ownerEmail;
                calendar = new CalendarData(calendarId, summary == null ? calendarId : summary, tz, owner);
                touch(calendar);
                calendars.put(calendarId, calendar);
            }
            ListEntry existing = account.calendarList.get(calendarId);
            ListEntry entry = existing != null ? existing : new ListEntry(calendarId, role, false);
            entry.accessRole = role;
            entry.deleted = false;
            addEntry(account, entry);
            return listEntryJson(calendar, entry);
        });
        listener.calendarListChanged(normalizeEmail(email));
        return result;
    }

    /** The account loses access: the entry becomes a deleted entry for calendarList sync. */
    void removeFromList(String email, String calendarId) {
        write(() -> {
            Account account = accounts.get(normalizeEmail(email));
            ListEntry entry = account == null ? null : account.calendarList.get(calendarId);
            if (entry == null || entry.deleted || entry.primary) {
                throw ApiError.notFound();
            }
            entry.deleted = true;
            entry.seq = nextSeq();
            entry.stamp = nextStamp();
            return null;
        });
        listener.calendarListChanged(normalizeEmail(email));
    }

    /** The calendar and the caller's entry for it, or Google's 404 when the caller cannot see it. */
    record Access(CalendarData calendar, ListEntry entry) {}

    Access access(Account account, String calendarIdParam) {
        String calendarId = "primary".equals(calendarIdParam) ? account.email : calendarIdParam;
        ListEntry entry = account.calendarList.get(calendarId);
        CalendarData calendar = calendars.get(calendarId);
        if (entry == null || entry.deleted || calendar == null) {
            throw ApiError.notFound();
        }
        return new Access(calendar, entry);
    }

    ObjectNode listEntryJson(CalendarData calendar, ListEntry entry) {
        ObjectNode out = Json.object();
        out.put("kind", "calendar#calendarListEntry");
        out.put("etag", "\"" + entry.stamp + "\"");
        out.put("id", calendar.id);
        if (entry.deleted) {
            out.put("deleted", true);
            return out;
        }
        out.put("summary", calendar.summary);
        if (calendar.description != null) {
            out.put("description", calendar.description);
        }
        out.put("timeZone", calendar.timeZone);
        out.put("colorId", entry.colorId);
        out.put("backgroundColor", "#9fe1e7");
        out.put("foregroundColor", "#000000");
        out.put("selected", true);
        if (entry.hidden) {
            out.put("hidden", true);
        }
        out.put("accessRole", entry.accessRole);
        ArrayNode reminders = out.putArray("defaultReminders");
        if (entry.canWrite()) {
            reminders.addObject().put("method", "popup").put("minutes", 10);
        }
        if ("owner".equals(entry.accessRole)) {
            ArrayNode notifications = out.putObject("notificationSettings").putArray("notifications");
            for (String type : List.of("eventCreation", "eventChange", "eventCancellation", "eventResponse")) {
                notifications.addObject().put("type", type).put("method", "email");
            }
        }
        if (entry.primary) {
            out.put("primary", true);
        }
        out.putObject("conferenceProperties")
                .putArray("allowedConferenceSolutionTypes")
                .add("hangoutsMeet");
        return out;
    }

    static ObjectNode calendarJson(CalendarData calendar) {
        ObjectNode out = Json.object();
        out.put("kind", "calendar#calendar");
        out.put("etag", "\"" + calendar.stamp + "\"");
        out.put("id", calendar.id);
        out.put("summary", calendar.summary);
        if (calendar.description != null) {
            out.put("description", calendar.description);
        }
        out.put("timeZone", calendar.timeZone);
        out.putObject("conferenceProperties")
                .putArray("allowedConferenceSolutionTypes")
                .add("hangoutsMeet");
        return out;
    }

    // ---------------------------------------------------------------- events

    private static String organizerEmailOf(StoredEvent event) {
        return Json.text(event.json.get("organizer"), "email");
    }

    /** The identity Google writes as organizer for a new event on this calendar. */
    private ObjectNode organizerFor(CalendarData calendar, Actor actor) {
        ObjectNode organizer = Json.object();
        if (actor.email() != null && !actor.email().equalsIgnoreCase(calendar.ownerEmail) && actor.admin()) {
            organizer.put("email", actor.email());
            organizer.put("displayName", displayNameOf(actor.email()));
            return organizer;
        }
        organizer.put("email", calendar.id);
        if (!calendar.id.equalsIgnoreCase(calendar.ownerEmail)) {
            organizer.put("displayName", calendar.summary);
        }
        return organizer;
    }

    private static ObjectNode creatorFor(CalendarData calendar, Actor actor) {
        String email =
                actor.email() != null ? actor.email() : calendar.ownerEmail != null ? calendar.ownerEmail : calendar.id;
        return Json.object().put("email", email);
    }

    /** events.insert (and admin inserts). Returns the stored version. */
    StoredEvent insert(Access access, Actor actor, ObjectNode input) {
        CalendarData calendar = access.calendar();
        StoredEvent stored = write(() -> {
            if (!actor.admin() && !access.entry().canWrite()) {
                throw ApiError.writerAccessRequired();
            }
            String id = Json.text(input, "id");
            if (id != null) {
                EventShapes.checkClientId(id);
                if (calendar.events.get(id) != null) {
                    throw ApiError.duplicate();
                }
            } else {
                id = EventShapes.newId(random);
            }
            ObjectNode fields = EventShapes.writable(input);
            ObjectNode organizer = organizerFor(calendar, actor);
            if (actor.admin() && input.get("organizer") instanceof ObjectNode given && given.hasNonNull("email")) {
                organizer = given.deepCopy();
            }
            String status = Json.text(input, "status");
            String iCalUID = Json.text(input, "iCalUID");
            long stamp = nextStamp();
            EventShapes.Meta meta = new EventShapes.Meta(
                    id,
                    status == null ? "confirmed" : status,
                    stamp / 1000,
                    stamp,
                    creatorFor(calendar, actor),
                    organizer,
                    iCalUID != null ? iCalUID : id + "@google.com",
                    input.path("sequence").asInt(0),
                    null,
                    null,
                    calendar.id,
                    calendar.zone);
            return store(calendar, EventShapes.compose(fields, meta), stamp);
        });
        stored.bytes(); // serialized outside the lock, before the push (see insertMany)
        listener.eventsChanged(calendar.id);
        return stored;
    }

    private StoredEvent store(CalendarData calendar, ObjectNode json, long stamp) {
        StoredEvent event = new StoredEvent(json, nextSeq(), stamp, calendar.id, calendar.zone);
        event.rememberDroppedInstances(calendar.events.get(event.id), now());
        calendar.events.put(event);
        calendar.updatedMillis = stamp / 1000;
        calendar.stamp = stamp;
        return event;
    }

    /** events.get: the stored event or a (possibly not yet materialized) instance. */
    ObjectNode get(Access access, String eventId) {
        return read(() -> {
            StoredEvent event = access.calendar().events.get(eventId);
            if (event != null) {
                return event.json;
            }
            return virtualInstance(access.calendar(), eventId);
        });
    }

    /** An instance of a series that has no exception stored; 404 when the id names no occurrence. */
    private ObjectNode virtualInstance(CalendarData calendar, String eventId) {
        int underscore = eventId.lastIndexOf('_');
        if (underscore <= 0) {
            throw ApiError.notFound();
        }
        StoredEvent series = calendar.events.get(eventId.substring(0, underscore));
        if (series == null || !series.isSeries()) {
            throw ApiError.notFound();
        }
        for (StoredEvent.Occurrence occurrence : series.occurrences(now())) {
            if (occurrence.instanceId().equals(eventId)) {
                ObjectNode instance = series.instance(occurrence);
                if (series.cancelled) {
                    instance.put("status", "cancelled");
                }
                return instance;
            }
        }
        throw ApiError.notFound();
    }

    enum WriteKind {
        UPDATE,
        PATCH
    }

    /** events.update / events.patch (and admin patches). */
    StoredEvent modify(Access access, Actor actor, String eventId, ObjectNode input, WriteKind kind, String ifMatch) {
        CalendarData calendar = access.calendar();
        StoredEvent stored = write(() -> {
            if (!actor.admin() && !access.entry().canWrite()) {
                throw ApiError.writerAccessRequired();
            }
            StoredEvent existing = calendar.events.get(eventId);
            ObjectNode current = existing != null ? existing.json : virtualInstance(calendar, eventId);
            checkIfMatch(ifMatch, Json.text(current, "etag"));
            ObjectNode fields;
            if (kind == WriteKind.PATCH) {
                fields = current.deepCopy();
                EventShapes.merge(fields, EventShapes.writable(input));
            } else {
                fields = EventShapes.writable(input);
            }
            String organizerEmail = Json.text(current.get("organizer"), "email");
            boolean attendeeCopy = organizerEmail != null && !organizerEmail.equalsIgnoreCase(calendar.id);
            if (!actor.admin()
                    && attendeeCopy
                    && EventShapes.sharedChanged(current, fields, calendar.id, calendar.zone)) {
                throw ApiError.forbiddenForNonOrganizer();
            }
            ObjectNode organizer = (ObjectNode) current.get("organizer");
            if (actor.admin() && input.get("organizer") instanceof ObjectNode given && given.hasNonNull("email")) {
                organizer = given;
            }
            String status = Json.text(fields, "status");
            if (status == null) {
                status = kind == WriteKind.PATCH ? Json.text(current, "status") : "confirmed";
            }
            int sequence = current.path("sequence").asInt(0);
            if (significantChange(current, fields)) {
                sequence++;
            }
            sequence = Math.max(sequence, input.path("sequence").asInt(0));
            long stamp = nextStamp();
            EventShapes.Meta meta = new EventShapes.Meta(
                    eventId,
                    status,
                    parseMillis(Json.text(current, "created"), stamp / 1000),
                    stamp,
                    (ObjectNode) current.get("creator"),
                    organizer,
                    Json.text(current, "iCalUID"),
                    sequence,
                    Json.text(current, "recurringEventId"),
                    current.get("originalStartTime"),
                    calendar.id,
                    calendar.zone);
            return store(calendar, EventShapes.compose(fields, meta), stamp);
        });
        stored.bytes(); // serialized outside the lock, before the push (see insertMany)
        listener.eventsChanged(calendar.id);
        return stored;
    }

    private static boolean significantChange(ObjectNode before, ObjectNode after) {
        for (String name : List.of("start", "end", "recurrence", "location", "summary")) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                return true;
            }
        }
        return false;
    }

    private static long parseMillis(String rfc3339, long fallback) {
        try {
            return java.time.Instant.parse(rfc3339).toEpochMilli();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static void checkIfMatch(String ifMatch, String etag) {
        if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.trim())) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals(etag) || ("\"" + trimmed + "\"").equals(etag)) {
                return;
            }
        }
        throw ApiError.conditionNotMet();
    }

    /** events.delete: a cancelled version (details kept, as on the organizer's calendar). */
    void delete(Access access, Actor actor, String eventId, String ifMatch) {
        CalendarData calendar = access.calendar();
        write(() -> {
            if (!actor.admin() && !access.entry().canWrite()) {
                throw ApiError.writerAccessRequired();
            }
            StoredEvent existing = calendar.events.get(eventId);
            ObjectNode current = existing != null ? existing.json : virtualInstance(calendar, eventId);
            if ("cancelled".equals(Json.text(current, "status"))) {
                throw ApiError.deleted();
            }
            checkIfMatch(ifMatch, Json.text(current, "etag"));
            cancel(calendar, current);
            if (existing != null && existing.isSeries()) {
                for (String exceptionId : new ArrayList<>(calendar.events.exceptionIds(eventId))) {
                    StoredEvent exception = calendar.events.get(exceptionId);
                    if (exception != null && !exception.cancelled) {
                        cancel(calendar, exception.json);
                    }
                }
            }
            return null;
        });
        listener.eventsChanged(calendar.id);
    }

    private void cancel(CalendarData calendar, ObjectNode current) {
        long stamp = nextStamp();
        ObjectNode copy = current.deepCopy();
        copy.put("status", "cancelled");
        copy.put("etag", "\"" + stamp + "\"");
        copy.put("updated", Times.rfc3339Millis(stamp / 1000));
        copy.put("sequence", copy.path("sequence").asInt(0) + 1);
        store(calendar, copy, stamp);
    }

    /** Bulk insert for /emulator/.../generate and seeds: one lock, one notification. */
    int insertMany(CalendarData calendar, List<ObjectNode> events, Actor actor) {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        int created = write(() -> {
            int count = 0;
            for (ObjectNode input : events) {
                String id = Json.text(input, "id");
                if (id == null || calendar.events.get(id) != null) {
                    id = EventShapes.newId(random);
                }
                ObjectNode organizer = input.get("organizer") instanceof ObjectNode given && given.hasNonNull("email")
                        ? given.deepCopy()
                        : organizerFor(calendar, actor);
                long stamp = nextStamp();
                String status = Json.text(input, "status");
                EventShapes.Meta meta = new EventShapes.Meta(
                        id,
                        status == null ? "confirmed" : status,
                        stamp / 1000,
                        stamp,
                        creatorFor(calendar, actor),
                        organizer,
                        id + "@google.com",
                        0,
                        null,
                        null,
                        calendar.id,
                        calendar.zone);
                stored.add(store(calendar, EventShapes.compose(EventShapes.writable(input), meta), stamp));
                count++;
            }
            return count;
        });
        // Serialized now, outside the lock, as Google has an event ready to serve: the bytes are what
        // a list sends, and a sync benchmark then measures the syncing side, not this stand-in's JSON
        // writer (docs/benchmarks.md, "sync-worker").
        stored.forEach(StoredEvent::bytes);
        listener.eventsChanged(calendar.id);
        return created;
    }

    /** Makes every sync token of the calendar (null: of all calendars and calendar lists) answer 410. */
    void invalidateSyncTokens(String calendarId) {
        write(() -> {
            if (calendarId == null) {
                calendars.values().forEach(c -> c.tokenEpoch++);
                accounts.values().forEach(a -> a.listTokenEpoch++);
            } else {
                CalendarData calendar = calendars.get(calendarId);
                if (calendar == null) {
                    throw ApiError.notFound();
                }
                calendar.tokenEpoch++;
            }
            return null;
        });
    }

    /** Everything, for GET /emulator/state. */
    ObjectNode dump() {
        return read(() -> {
            ObjectNode out = Json.object();
            ArrayNode accountList = out.putArray("accounts");
            for (Account account : accounts.values()) {
                ObjectNode node = accountList.addObject();
                node.put("email", account.email);
                node.put("displayName", account.displayName);
                ArrayNode entries = node.putArray("calendarList");
                for (ListEntry entry : account.calendarList.values()) {
                    entries.addObject()
                            .put("id", entry.calendarId)
                            .put("accessRole", entry.accessRole)
                            .put("primary", entry.primary)
                            .put("deleted", entry.deleted);
                }
            }
            ArrayNode calendarList = out.putArray("calendars");
            for (CalendarData calendar : calendars.values()) {
                ObjectNode node = calendarList.addObject();
                node.put("id", calendar.id);
                node.put("summary", calendar.summary);
                node.put("timeZone", calendar.timeZone);
                node.put("owner", calendar.ownerEmail);
                ArrayNode events = node.putArray("events");
                List<StoredEvent> sorted = new ArrayList<>();
                calendar.events.all().forEach(sorted::add);
                sorted.sort(Comparator.comparingLong(e -> e.seq));
                sorted.forEach(e -> events.add(e.json));
            }
            return out;
        });
    }
}
