package com.madeup.calsync.store.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Anyone who can be invited to an event ({@code persons}); email unique ignoring case.
 *
 * @param userId the user this person is, if any (a user is also a person)
 */
@Table("persons")
public record Person(@Id Long id, String email, String displayName, Long userId, Instant createdAt) {

    public static Person create(String email, String displayName, Long userId, Instant now) {
        return new Person(null, email, displayName, userId, now);
    }
}
