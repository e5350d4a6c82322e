package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who asked for a command. Only the user id is trusted input for the permission check: the outbound
 * writer looks up whether the user is an admin and never takes that from the message.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Actor(
        UserId userId, // the MadeUp Co. user on whose behalf the command runs
        String via) { // where the command came from: "dashboard", "upstream:<app>", ...; for logs and audit

    /** Longest {@code via} accepted. */
    static final int MAX_VIA_LENGTH = 200;

    public Actor {
        Require.present(userId, "Actor.userId");
        Require.notBlank(via, "Actor.via", MAX_VIA_LENGTH);
    }
}
