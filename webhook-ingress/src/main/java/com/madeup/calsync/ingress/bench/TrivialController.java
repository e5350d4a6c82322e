package com.madeup.calsync.ingress.bench;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /bench/trivial}: answers 200 with nothing done, the baseline bench/ingress compares the
 * notification endpoint with. Exists only with {@code calsync.ingress.benchmark-endpoint.enabled=true}.
 */
@RestController
@ConditionalOnBooleanProperty("calsync.ingress.benchmark-endpoint.enabled")
final class TrivialController {

    @PostMapping("/bench/trivial")
    ResponseEntity<Void> trivial() {
        return ResponseEntity.ok().build();
    }
}
