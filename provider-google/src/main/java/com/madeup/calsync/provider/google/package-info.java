/**
 * The Google Calendar v3 and OAuth 2.0 adapter behind the provider-neutral port.
 *
 * <p>Wire records are named after the Discovery document's schemas (revision 20260519):
 * {@link com.madeup.calsync.provider.google.Event}, {@code Events}, {@code EventDateTime},
 * {@code EventAttendee}, {@code EventOrganizer}, {@code ExtendedProperties}, {@code Channel},
 * {@code CalendarList}, {@code CalendarListEntry}, {@code TokenResponse}; each reads (and, where
 * calsync sends it, writes) itself with jackson-core's streaming parser and generator, no data
 * binding. Reading is tolerant ({@link com.madeup.calsync.provider.http.WireJson}): unknown fields
 * are skipped, every field may be missing (a cancelled event in a sync may carry only its id),
 * int64 values arrive as strings or numbers, and date-times stay the strings Google sent so offsets
 * survive and nothing is parsed that nobody reads. Writing leaves out null fields, which is what
 * makes a patch send only the fields given.
 */
package com.madeup.calsync.provider.google;
