package com.madeup.calsync.store.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A matter an event may be linked to ({@code matters}); reference is unique. */
@Table("matters")
public record Matter(@Id Long id, String reference, String title) {

    public static Matter create(String reference, String title) {
        return new Matter(null, reference, title);
    }
}
