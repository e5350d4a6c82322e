package com.madeup.calsync.store.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface PersonRepository extends ListCrudRepository<Person, Long> {

    @Query("SELECT * FROM persons WHERE lower(email) = lower(:email)")
    Optional<Person> findByEmailIgnoringCase(String email);

    /** Persons matching any of the emails, ignoring case (attendee matching). */
    @Query("SELECT * FROM persons WHERE lower(email) IN (SELECT lower(e) FROM unnest(CAST(:emails AS text[])) e)")
    List<Person> findByEmailsIgnoringCase(Collection<String> emails);

    Optional<Person> findByUserId(Long userId);
}
