package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Discovery {@code EventAttendee}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventAttendee(
        String id,
        String email,
        String displayName,
        Boolean organizer,
        Boolean self,
        Boolean resource,
        Boolean optional,
        String responseStatus,
        String comment,
        Integer additionalGuests) {}
