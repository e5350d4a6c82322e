package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Discovery {@code Event.extendedProperties}: string maps only this copy ({@code private}) or every copy ({@code shared}) sees. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExtendedProperties(
        @JsonProperty("private") Map<String, String> privateProperties,
        @JsonProperty("shared") Map<String, String> sharedProperties) {}
