package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Discovery {@code Event.organizer} (and {@code Event.creator}): who organizes the event. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventOrganizer(String id, String email, String displayName, Boolean self) {}
