package com.madeup.calsync.provider.http;

import java.util.Objects;

/**
 * Why a provider call failed.
 *
 * @param kind what the caller should do about it
 * @param reason the provider's machine-readable reason ({@code error.errors[0].reason}, the OAuth
 *     {@code error} code, or an {@code ErrorInfo} reason); null when the body had none
 * @param message a short human-readable explanation, never containing secrets
 */
public record ApiError(ErrorKind kind, String reason, String message) {
    public ApiError {
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
    }
}
