package com.madeup.calsync.provider;

/**
 * An organizer or creator.
 *
 * @param email the address; may be null for some resource or group organizers
 * @param displayName the name, if the provider has one
 * @param self whether this is the connected user's calendar
 */
public record ProviderPerson(String email, String displayName, boolean self) {}
