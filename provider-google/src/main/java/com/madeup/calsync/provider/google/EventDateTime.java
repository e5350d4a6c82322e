package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Discovery {@code EventDateTime}: all-day {@code date} or RFC 3339 {@code dateTime}, plus an optional zone. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventDateTime(String date, String dateTime, String timeZone) {}
