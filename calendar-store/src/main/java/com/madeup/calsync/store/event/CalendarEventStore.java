package com.madeup.calsync.store.event;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The hot path of {@code calendar_events}: a batched, guarded upsert that reports per row whether
 * it inserted, updated or left the row alone, so callers publish only real changes.
 *
 * <p>Each chunk of rows is one {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE
 * ... RETURNING} statement: one round trip per chunk, and unlike a JDBC batch (whose rewrite
 * returns no per-row counts) it tells which rows were written. An existing row is overwritten only
 * when its etag differs <em>and</em> the incoming provider {@code updated} is not older than the
 * stored one, so replays and the provider's echo of our own writes change nothing.
 */
public final class CalendarEventStore {

    /** Rows per statement; measured in the README. */
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    private static final String EVENT_COLUMNS =
            "calendar_id, uuid, start_time, end_time, start_time_zone, end_time_zone, start_date, end_date, all_day,"
                    + " location, summary, description, matter_id, organizer_email, organized_by_connected_user,"
                    + " status, etag, provider_updated, recurring_event_id, original_start_time";

    private static final String INSERT_ROWS = """
            INSERT INTO calendar_events (%s, created_at, updated_at)
            SELECT t.calendar_id, t.uuid, %s, %s, t.start_time_zone,
                   t.end_time_zone, t.start_date::date, t.end_date::date, t.all_day, t.location, t.summary,
                   t.description, t.matter_id, t.organizer_email, t.organized_by_connected_user, t.status, t.etag,
                   %s, t.recurring_event_id, t.original_start_time, ?, ?
            FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::boolean[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::boolean[],
                        ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[]) AS t(%s)
            """.formatted(
                    EVENT_COLUMNS,
                    fromMicros("t.start_time"),
                    fromMicros("t.end_time"),
                    fromMicros("t.provider_updated"),
                    EVENT_COLUMNS);

    private static final String GUARDED_OVERWRITE = """
            ON CONFLICT (calendar_id, uuid) DO UPDATE
            SET start_time = excluded.start_time, end_time = excluded.end_time,
                start_time_zone = excluded.start_time_zone, end_time_zone = excluded.end_time_zone,
                start_date = excluded.start_date, end_date = excluded.end_date, all_day = excluded.all_day,
                location = excluded.location, summary = excluded.summary, description = excluded.description,
                matter_id = excluded.matter_id, organizer_email = excluded.organizer_email,
                organized_by_connected_user = excluded.organized_by_connected_user, status = excluded.status,
                etag = excluded.etag, provider_updated = excluded.provider_updated,
                recurring_event_id = excluded.recurring_event_id, original_start_time = excluded.original_start_time,
                updated_at = excluded.updated_at
            WHERE calendar_events.etag IS DISTINCT FROM excluded.etag
              AND (calendar_events.provider_updated IS NULL
                   OR excluded.provider_updated >= calendar_events.provider_updated)
            """;

    private static final String RETURNING = "RETURNING id, calendar_id, uuid, (xmax = 0) AS inserted";

    private static final String UPSERT = INSERT_ROWS + GUARDED_OVERWRITE + RETURNING;

    /** For rows expected to be new; a conflict fails the statement (see {@link #insertMostlyNew}). */
    private static final String INSERT = INSERT_ROWS + RETURNING;

    private static final String INSERT_INVITATIONS = """
            INSERT INTO calendar_event_invitations
                (event_id, position, invited_id, email, display_name, response_status, organizer, optional)
            SELECT * FROM unnest(?::bigint[], ?::integer[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                                 ?::boolean[])
            """;

    /**
     * The Persons of the given attendee emails, matched as {@code persons_email_lower_key} compares:
     * PostgreSQL's {@code lower()} on both sides. Asked once per distinct email of a write, not
     * joined into the insert: the join lower-cased every attendee row again (about 2 µs per synced
     * event, docs/benchmarks.md "sync-worker", session 6).
     */
    private static final String PERSONS_BY_EMAIL = """
            SELECT a.email, p.id FROM unnest(?::text[]) AS a(email) JOIN persons p ON lower(p.email) = lower(a.email)
            """;

    private static final String SELECT_EVENTS =
            "SELECT id, created_at, updated_at, " + EVENT_COLUMNS + " FROM calendar_events ";

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final int chunkSize;

    public CalendarEventStore(JdbcTemplate jdbc, TransactionOperations transactions, Clock clock, int chunkSize) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /**
     * Inserts new events and overwrites changed ones (see the class comment for the guard), and
     * replaces the invitations of every event that was written. All in one transaction (joining the
     * caller's, if any). When the same (calendar, provider id) appears twice, the last row wins.
     *
     * @return one result per distinct (calendar, provider id), in first-seen order
     */
    public List<UpsertResult> upsert(List<EventRow> rows) {
        return write(rows, false);
    }

    /**
     * {@link #upsert} for rows that are most likely new, such as a calendar's first full sync. Each
     * chunk is first written by a plain INSERT, which spares PostgreSQL the extra unique-index probe
     * and the speculative-insertion record that {@code ON CONFLICT} costs per row (docs/benchmarks.md,
     * "sync-worker", session 6). If a row of the chunk exists already (written before, or by another
     * transaction meanwhile), the chunk is rolled back to a savepoint and upserted: the results, and
     * what is stored, are those of {@link #upsert}.
     */
    public List<UpsertResult> insertMostlyNew(List<EventRow> rows) {
        return write(rows, true);
    }

    /** Whether the calendar has any stored event. */
    public boolean hasEvents(long calendarId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM calendar_events WHERE calendar_id = ?)", Boolean.class, calendarId));
    }

    private List<UpsertResult> write(List<EventRow> rows, boolean mostlyNew) {
        Map<EventKey, EventRow> distinct = new LinkedHashMap<>();
        for (EventRow row : rows) {
            distinct.put(new EventKey(row.calendarId(), row.providerEventId()), row);
        }
        if (distinct.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return transactions.execute(status -> {
            List<EventRow> unique = new ArrayList<>(distinct.values());
            Map<EventKey, UpsertResult> written = new HashMap<>();
            for (int from = 0; from < unique.size(); from += chunkSize) {
                List<EventRow> chunk = unique.subList(from, Math.min(unique.size(), from + chunkSize));
                written.putAll(mostlyNew ? insertOrUpsertChunk(status, chunk, now) : writeChunk(UPSERT, chunk, now));
            }
            replaceInvitations(distinct, written.values());
            List<UpsertResult> results = new ArrayList<>(distinct.size());
            distinct.forEach((key, row) -> results.add(written.getOrDefault(
                    key, new UpsertResult(key.calendarId(), key.providerEventId(), null, UpsertOutcome.UNCHANGED))));
            return results;
        });
    }

    private Map<EventKey, UpsertResult> insertOrUpsertChunk(
            TransactionStatus status, List<EventRow> chunk, Instant now) {
        Object savepoint = status.createSavepoint();
        try {
            Map<EventKey, UpsertResult> written = writeChunk(INSERT, chunk, now);
            status.releaseSavepoint(savepoint);
            return written;
        } catch (DuplicateKeyException exists) {
            status.rollbackToSavepoint(savepoint);
            status.releaseSavepoint(savepoint);
            return writeChunk(UPSERT, chunk, now);
        }
    }

    /** Deletes one event (and its invitations); returns whether it existed. */
    public boolean delete(long calendarId, String providerEventId) {
        return jdbc.update(
                        "DELETE FROM calendar_events WHERE calendar_id = ? AND uuid = ?", calendarId, providerEventId)
                > 0;
    }

    /**
     * Deletes the events of {@code calendarId} whose provider id is not in {@code keep}: after a full
     * resync (sync token expired, 410) these are the events the provider no longer has.
     *
     * @return the provider ids of the deleted events, so their removal can be published
     */
    public List<String> deleteAllExcept(long calendarId, Collection<String> keep) {
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    // NOT IN over a subquery becomes a hashed anti-join; "<> ALL(array)" would be quadratic.
                    "DELETE FROM calendar_events WHERE calendar_id = ?"
                            + " AND uuid NOT IN (SELECT unnest(?::text[])) RETURNING uuid")) {
                statement.setLong(1, calendarId);
                bindArrays(statement, 2, (Object) keep.toArray(String[]::new));
                List<String> deleted = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        deleted.add(result.getString(1));
                    }
                }
                return deleted;
            }
        });
    }

    /** One event with its invitations. */
    public Optional<StoredEvent> find(long calendarId, String providerEventId) {
        return withInvitations(jdbc.query(
                        SELECT_EVENTS + "WHERE calendar_id = ? AND uuid = ?",
                        CalendarEventStore::event,
                        calendarId,
                        providerEventId))
                .stream()
                .findFirst();
    }

    /**
     * The stored version (etag and provider {@code updated}) of one event, without reading the rest:
     * empty when the calendar has no such event.
     */
    public Optional<StoredVersion> version(long calendarId, String providerEventId) {
        return jdbc
                .query(
                        "SELECT etag, provider_updated FROM calendar_events WHERE calendar_id = ? AND uuid = ?",
                        (rs, rowNum) ->
                                new StoredVersion(rs.getString("etag"), instant(rs.getTimestamp("provider_updated"))),
                        calendarId,
                        providerEventId)
                .stream()
                .findFirst();
    }

    /** An event's stored version: the provider's etag and {@code updated} (either may be null). */
    public record StoredVersion(String etag, Instant providerUpdated) {}

    /** One event by our id, with its invitations. */
    public Optional<StoredEvent> findById(long eventId) {
        return withInvitations(jdbc.query(SELECT_EVENTS + "WHERE id = ?", CalendarEventStore::event, eventId)).stream()
                .findFirst();
    }

    /**
     * The events of the given calendars that overlap {@code [from, to)}, cancelled ones left out,
     * with their invitations. All-day events count from midnight to midnight in {@code zone}.
     */
    public List<StoredEvent> findInRange(Collection<Long> calendarIds, Instant from, Instant to, ZoneId zone) {
        List<StoredEvent> events = jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_EVENTS + """
                    WHERE calendar_id = ANY(?) AND status <> 'cancelled'
                      AND ((NOT all_day AND start_time < ? AND (end_time > ? OR start_time >= ?))
                        OR (all_day AND (start_date::timestamp AT TIME ZONE ?) < ?
                                    AND (end_date::timestamp AT TIME ZONE ?) > ?))
                    ORDER BY coalesce(start_time, start_date::timestamp AT TIME ZONE ?), id
                    """)) {
                Timestamp fromTs = Timestamp.from(from);
                Timestamp toTs = Timestamp.from(to);
                statement.setArray(1, connection.createArrayOf("bigint", calendarIds.toArray(Long[]::new)));
                statement.setTimestamp(2, toTs);
                statement.setTimestamp(3, fromTs);
                statement.setTimestamp(4, fromTs);
                statement.setString(5, zone.getId());
                statement.setTimestamp(6, toTs);
                statement.setString(7, zone.getId());
                statement.setTimestamp(8, fromTs);
                statement.setString(9, zone.getId());
                List<StoredEvent> found = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        found.add(event(result, found.size()));
                    }
                }
                return found;
            }
        });
        return withInvitations(events);
    }

    private Map<EventKey, UpsertResult> writeChunk(String sql, List<EventRow> chunk, Instant now) {
        return jdbc.execute((Connection connection) -> {
            int size = chunk.size();
            Long[] calendarIds = new Long[size];
            String[] uuids = new String[size];
            Long[] startTimes = new Long[size];
            Long[] endTimes = new Long[size];
            String[] startZones = new String[size];
            String[] endZones = new String[size];
            String[] startDates = new String[size];
            String[] endDates = new String[size];
            Boolean[] allDay = new Boolean[size];
            String[] locations = new String[size];
            String[] summaries = new String[size];
            String[] descriptions = new String[size];
            Long[] matterIds = new Long[size];
            String[] organizers = new String[size];
            Boolean[] organizedByUser = new Boolean[size];
            String[] statuses = new String[size];
            String[] etags = new String[size];
            Long[] providerUpdated = new Long[size];
            String[] recurringIds = new String[size];
            String[] originalStarts = new String[size];
            for (int i = 0; i < size; i++) {
                EventRow row = chunk.get(i);
                calendarIds[i] = row.calendarId();
                uuids[i] = row.providerEventId();
                startTimes[i] = epochMicros(row.startTime());
                endTimes[i] = epochMicros(row.endTime());
                startZones[i] = row.startTimeZone();
                endZones[i] = row.endTimeZone();
                startDates[i] = text(row.startDate());
                endDates[i] = text(row.endDate());
                allDay[i] = row.allDay();
                locations[i] = row.location();
                summaries[i] = row.summary();
                descriptions[i] = row.description();
                matterIds[i] = row.matterId();
                organizers[i] = row.organizerEmail();
                organizedByUser[i] = row.organizedByConnectedUser();
                statuses[i] = row.status();
                etags[i] = row.etag();
                providerUpdated[i] = epochMicros(row.providerUpdated());
                recurringIds[i] = row.recurringEventId();
                originalStarts[i] = row.originalStartTime();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Timestamp nowTs = Timestamp.from(now);
                statement.setTimestamp(1, nowTs);
                statement.setTimestamp(2, nowTs);
                bindArrays(
                        statement,
                        3,
                        calendarIds,
                        uuids,
                        startTimes,
                        endTimes,
                        startZones,
                        endZones,
                        startDates,
                        endDates,
                        allDay,
                        locations,
                        summaries,
                        descriptions,
                        matterIds,
                        organizers,
                        organizedByUser,
                        statuses,
                        etags,
                        providerUpdated,
                        recurringIds,
                        originalStarts);
                Map<EventKey, UpsertResult> written = new HashMap<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        EventKey key = new EventKey(result.getLong("calendar_id"), result.getString("uuid"));
                        UpsertOutcome outcome =
                                result.getBoolean("inserted") ? UpsertOutcome.INSERTED : UpsertOutcome.UPDATED;
                        written.put(
                                key,
                                new UpsertResult(
                                        key.calendarId(), key.providerEventId(), result.getLong("id"), outcome));
                    }
                }
                return written;
            }
        });
    }

    private void replaceInvitations(Map<EventKey, EventRow> rows, Collection<UpsertResult> written) {
        List<Long> updatedIds = new ArrayList<>();
        List<Long> eventIds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Long> personIds = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        List<Boolean> organizers = new ArrayList<>();
        List<Boolean> optionals = new ArrayList<>();
        for (UpsertResult result : written) {
            if (result.outcome() == UpsertOutcome.UPDATED) {
                updatedIds.add(result.eventId());
            }
            // One invitation per email (case-insensitive), as the unique index demands; the first wins.
            Map<String, InvitationRow> byEmail = new LinkedHashMap<>();
            for (InvitationRow invitation : rows.get(new EventKey(result.calendarId(), result.providerEventId()))
                    .invitations()) {
                byEmail.putIfAbsent(invitation.email().toLowerCase(Locale.ROOT), invitation);
            }
            int position = 0;
            for (InvitationRow invitation : byEmail.values()) {
                eventIds.add(result.eventId());
                positions.add(position++);
                personIds.add(invitation.personId());
                emails.add(invitation.email());
                names.add(invitation.displayName());
                responses.add(invitation.responseStatus());
                organizers.add(invitation.organizer());
                optionals.add(invitation.optional());
            }
        }
        jdbc.execute((Connection connection) -> {
            matchPersons(connection, emails, personIds);
            if (!updatedIds.isEmpty()) {
                try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM calendar_event_invitations WHERE event_id = ANY(?)")) {
                    bindArrays(delete, 1, (Object) updatedIds.toArray(Long[]::new));
                    delete.executeUpdate();
                }
            }
            if (!eventIds.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_INVITATIONS)) {
                    bindArrays(
                            insert,
                            1,
                            eventIds.toArray(Long[]::new),
                            positions.toArray(Integer[]::new),
                            personIds.toArray(Long[]::new),
                            emails.toArray(String[]::new),
                            names.toArray(String[]::new),
                            responses.toArray(String[]::new),
                            organizers.toArray(Boolean[]::new),
                            optionals.toArray(Boolean[]::new));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Fills the person ids left null with the Person of that email, where there is one. */
    private static void matchPersons(Connection connection, List<String> emails, List<Long> personIds)
            throws SQLException {
        Set<String> unmatched = new HashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            if (personIds.get(i) == null) {
                unmatched.add(emails.get(i));
            }
        }
        if (unmatched.isEmpty()) {
            return;
        }
        Map<String, Long> persons = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(PERSONS_BY_EMAIL)) {
            bindArrays(statement, 1, (Object) unmatched.toArray(String[]::new));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    persons.put(result.getString(1), result.getLong(2));
                }
            }
        }
        if (persons.isEmpty()) {
            return;
        }
        for (int i = 0; i < emails.size(); i++) {
            if (personIds.get(i) == null) {
                personIds.set(i, persons.get(emails.get(i)));
            }
        }
    }

    private List<StoredEvent> withInvitations(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        Map<Long, List<InvitationRow>> byEvent = new HashMap<>();
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT event_id, invited_id, email, display_name, response_status, organizer, optional"
                            + " FROM calendar_event_invitations WHERE event_id = ANY(?) ORDER BY event_id, position")) {
                Array ids = connection.createArrayOf(
                        "bigint", events.stream().map(StoredEvent::id).toArray(Long[]::new));
                statement.setArray(1, ids);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        byEvent.computeIfAbsent(result.getLong("event_id"), id -> new ArrayList<>())
                                .add(new InvitationRow(
                                        result.getString("email"),
                                        result.getString("display_name"),
                                        result.getString("response_status"),
                                        result.getBoolean("organizer"),
                                        result.getBoolean("optional"),
                                        result.getObject("invited_id", Long.class)));
                    }
                }
            }
            return null;
        });
        return events.stream()
                .map(event -> new StoredEvent(
                        event.id(),
                        withInvitations(event.row(), byEvent.getOrDefault(event.id(), List.of())),
                        event.createdAt(),
                        event.updatedAt()))
                .toList();
    }

    private static EventRow withInvitations(EventRow row, List<InvitationRow> invitations) {
        return new EventRow(
                row.calendarId(),
                row.providerEventId(),
                row.startTime(),
                row.endTime(),
                row.startTimeZone(),
                row.endTimeZone(),
                row.startDate(),
                row.endDate(),
                row.allDay(),
                row.location(),
                row.summary(),
                row.description(),
                row.matterId(),
                row.organizerEmail(),
                row.organizedByConnectedUser(),
                row.status(),
                row.etag(),
                row.providerUpdated(),
                row.recurringEventId(),
                row.originalStartTime(),
                invitations);
    }

    private static StoredEvent event(ResultSet result, int rowNumber) throws SQLException {
        EventRow row = new EventRow(
                result.getLong("calendar_id"),
                result.getString("uuid"),
                instant(result.getTimestamp("start_time")),
                instant(result.getTimestamp("end_time")),
                result.getString("start_time_zone"),
                result.getString("end_time_zone"),
                result.getObject("start_date", LocalDate.class),
                result.getObject("end_date", LocalDate.class),
                result.getBoolean("all_day"),
                result.getString("location"),
                result.getString("summary"),
                result.getString("description"),
                result.getObject("matter_id", Long.class),
                result.getString("organizer_email"),
                result.getBoolean("organized_by_connected_user"),
                result.getString("status"),
                result.getString("etag"),
                instant(result.getTimestamp("provider_updated")),
                result.getString("recurring_event_id"),
                result.getString("original_start_time"),
                List.of());
        return new StoredEvent(
                result.getLong("id"),
                row,
                result.getTimestamp("created_at").toInstant(),
                result.getTimestamp("updated_at").toInstant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Binds arrays from {@code first} on. pgjdbc sends a {@code String[]}, {@code Long[]}, {@code
     * Integer[]} or {@code Boolean[]} given to {@code setObject} in PostgreSQL's binary array format,
     * which neither side escapes or parses; {@code createArrayOf} would send text. Measured in
     * docs/benchmarks.md ("sync-worker", session 6).
     */
    private static void bindArrays(PreparedStatement statement, int first, Object... arrays) throws SQLException {
        for (int i = 0; i < arrays.length; i++) {
            statement.setObject(first + i, arrays[i]);
        }
    }

    /**
     * SQL turning epoch microseconds (bigint) into timestamptz: exact integer arithmetic, and far
     * cheaper for both sides than formatting an Instant as text and parsing it back.
     */
    private static String fromMicros(String column) {
        return "('epoch'::timestamptz + " + column + " * interval '1 microsecond')";
    }

    /**
     * Microseconds since the epoch. A finer fraction is rounded as PostgreSQL rounds the fraction of
     * a time given as text ({@code rint}: to the nearest, a tie to even), so the stored value is the
     * one the ISO text of the instant gave before.
     */
    static Long epochMicros(Instant instant) {
        if (instant == null) {
            return null;
        }
        long micros = (long) Math.rint(instant.getNano() / 1000.0);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), micros);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private record EventKey(long calendarId, String providerEventId) {}
}
