package com.madeup.calsync.store.account;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface UserRepository extends ListCrudRepository<User, Long> {

    /** Case-insensitive, as the unique index on {@code lower(email)}. */
    @Query("SELECT * FROM users WHERE lower(email) = lower(:email)")
    Optional<User> findByEmailIgnoringCase(String email);
}
