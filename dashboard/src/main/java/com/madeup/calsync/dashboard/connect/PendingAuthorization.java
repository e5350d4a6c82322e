package com.madeup.calsync.dashboard.connect;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** What the callback needs from the start of the flow, kept in the user's session and used once. */
record PendingAuthorization(String state, String codeVerifier) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String SESSION_KEY = PendingAuthorization.class.getName();

    /** Constant-time comparison, so the state cannot be guessed byte by byte from response timing. */
    boolean stateMatches(String returned) {
        return returned != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), returned.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PendingAuthorization[***]";
    }
}
