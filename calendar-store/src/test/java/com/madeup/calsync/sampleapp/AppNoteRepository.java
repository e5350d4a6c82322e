package com.madeup.calsync.sampleapp;

import org.springframework.data.repository.ListCrudRepository;

interface AppNoteRepository extends ListCrudRepository<AppNote, Long> {}
