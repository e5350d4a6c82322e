package com.madeup.calsync.writer.command;

import com.madeup.calsync.model.EventCommand;

/**
 * Runs inside the transaction that stores a provider write (event row, outbound write, ledger),
 * just before it commits. The app wires {@link #NOTHING}; a test throws here once to simulate a
 * crash between the provider's answer and our commit, the case the write intents are for.
 */
@FunctionalInterface
public interface BeforeStoreCommit {

    BeforeStoreCommit NOTHING = command -> {};

    void reached(EventCommand command);
}
