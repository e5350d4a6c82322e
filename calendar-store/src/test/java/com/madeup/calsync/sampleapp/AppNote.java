package com.madeup.calsync.sampleapp;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The app's own entity, stored in a table the store's changelog knows nothing about. */
@Table("matters")
record AppNote(@Id Long id, String reference, String title) {}
