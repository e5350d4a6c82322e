package com.madeup.calsync.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseUnreachableTest {

    @Test
    void anUnreachableDatabaseIsFoundAnywhereInTheCauses() {
        assertThat(DatabaseUnreachable.causedBy(new DataAccessResourceFailureException("refused")))
                .isTrue();
        assertThat(DatabaseUnreachable.causedBy(new ListenerExecutionFailedException(
                        "listener failed",
                        new IllegalStateException(
                                "pass failed", new SQLTransientConnectionException("not available")))))
                .isTrue();
        assertThat(DatabaseUnreachable.causedBy(new CannotCreateTransactionException("no connection")))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnreachable.causedBy(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseUnreachable.causedBy(new IllegalStateException("bad record")))
                .isFalse();
        assertThat(DatabaseUnreachable.causedBy(null)).isFalse();
    }
}
