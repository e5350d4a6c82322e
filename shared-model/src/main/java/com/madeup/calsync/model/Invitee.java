package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A Person invited from the app; the outbound writer looks up the email and adds them as an attendee. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Invitee(PersonId personId) { // the Person to invite (persons table)

    public Invitee {
        Require.present(personId, "Invitee.personId");
    }

    public static Invitee of(long personId) {
        return new Invitee(new PersonId(personId));
    }
}
