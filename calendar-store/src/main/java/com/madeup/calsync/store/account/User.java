package com.madeup.calsync.store.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A MadeUp Co. user who signs in to the dashboard ({@code users}). Email is unique ignoring case.
 *
 * @param passwordHash bcrypt hash for dashboard sign-in; null means no password sign-in
 * @param timeZone IANA zone the dashboard shows times in
 */
@Table("users")
public record User(
        @Id Long id,
        String email,
        String displayName,
        String passwordHash,
        boolean admin,
        String timeZone,
        Instant createdAt) {

    public static User create(String email, String displayName, String passwordHash, boolean admin, Instant now) {
        return new User(null, email, displayName, passwordHash, admin, "UTC", now);
    }

    public User withTimeZone(String newTimeZone) {
        return new User(id, email, displayName, passwordHash, admin, newTimeZone, createdAt);
    }

    public User withPasswordHash(String newPasswordHash) {
        return new User(id, email, displayName, newPasswordHash, admin, timeZone, createdAt);
    }

    /** Leaves the password hash out of logs. */
    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", admin=" + admin + "]";
    }
}
