package com.madeup.calsync.sampleapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An app outside the store's package, as every calsync app is, with a repository of its own. */
@SpringBootApplication
public class SampleApplication {}
