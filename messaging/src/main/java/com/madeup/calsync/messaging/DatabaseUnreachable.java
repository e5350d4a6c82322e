package com.madeup.calsync.messaging;

import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a listener failure caused by an unreachable database (no connection from the pool, none
 * could be opened) from one caused by the record. The first is retried until the database is back;
 * only the second may end in the dead-letter topic.
 */
final class DatabaseUnreachable {

    /** Causes looked at: enough for any wrapping we do, and an end to a chain that loops back. */
    private static final int MAX_DEPTH = 20;

    private DatabaseUnreachable() {}

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException // e.g. CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) { // Hikari's "not available" timeout
                return true;
            }
        }
        return false;
    }
}
