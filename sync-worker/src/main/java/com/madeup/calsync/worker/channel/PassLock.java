package com.madeup.calsync.worker.channel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one instance at a time run a scheduled pass, with a PostgreSQL session advisory lock held on a
 * dedicated connection for the pass and released at its end.
 *
 * <p>Kafka gives every connection's messages one owner (its partition's consumer), but a scheduled
 * loop runs on every instance: without this lock two instances would both see a calendar without a
 * channel and both watch it. The lock is session-level, not {@code pg_try_advisory_xact_lock}, on
 * purpose: a transaction around the pass would hide the pending subscription row from
 * webhook-ingress until the pass commits, yet Google's {@code sync} message can arrive before the
 * watch call returns. If the instance dies, PostgreSQL drops the lock with the session.
 */
public final class PassLock {

    /** Namespace of the worker's pass locks ("chnl"), apart from calendar-store's token locks ("cals"). */
    public static final int NAMESPACE = 0x6368_6e6c;

    /** Key of the channel maintenance pass. */
    public static final int CHANNEL_MAINTENANCE = 1;

    /** Key of the reconcile pass. */
    public static final int RECONCILE = 2;

    /** Key of the re-encryption of the token rows after a key rotation. */
    public static final int TOKEN_REENCRYPTION = 3;

    private static final Logger log = LoggerFactory.getLogger(PassLock.class);

    private final DataSource dataSource;
    private final int key;

    public PassLock(DataSource dataSource, int key) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.key = key;
    }

    /** Runs {@code pass} if no other session holds the lock; returns false (nothing run) otherwise. */
    public boolean runIfFree(Runnable pass) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "SELECT pg_try_advisory_lock(?, ?)")) {
                return false;
            }
            try {
                pass.run();
                return true;
            } finally {
                unlock(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("advisory lock " + key + " could not be taken", e);
        }
    }

    private void unlock(Connection connection) {
        try {
            call(connection, "SELECT pg_advisory_unlock(?, ?)");
        } catch (SQLException e) {
            // The pooled connection may go back still holding the lock; passes then skip until the
            // pool retires it. Logged loudly so that shows.
            log.error("advisory lock {} could not be released", key, e);
        }
    }

    private boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
