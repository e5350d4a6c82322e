/**
 * calendar-store: the PostgreSQL schema (Liquibase changelog {@code db/changelog/db.changelog-master.yaml}),
 * Spring Data JDBC repositories and JDBC stores used by every calsync app. Sub-packages by feature:
 * {@code account} (users, persons, matters, connections, calendars), {@code event} (the calendar event
 * upsert), {@code token} (encrypted OAuth tokens), {@code channel} (push channels), {@code ledger}
 * (idempotency), {@code config} (the auto-configuration).
 */
package com.madeup.calsync.store;
