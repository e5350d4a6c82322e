package com.madeup.calsync.worker.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Person ids by lower-case email, one query per page, for the attendees of published changes. */
final class PersonLookup {

    private final JdbcTemplate jdbc;

    PersonLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> idsByLowerEmail(Collection<String> lowerEmails) {
        Map<String, Long> ids = new HashMap<>();
        if (lowerEmails.isEmpty()) {
            return ids;
        }
        jdbc.query(
                "SELECT id, lower(email) AS email FROM persons WHERE lower(email) = ANY(?)",
                statement ->
                        statement.setArray(1, statement.getConnection().createArrayOf("text", lowerEmails.toArray())),
                row -> {
                    ids.put(row.getString("email"), row.getLong("id"));
                });
        return ids;
    }
}
