package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.model.ResourceState;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The headers of one Google push notification, checked. Header names are looked up by the caller's
 * function, which must ignore case (the servlet API does); Google has been seen sending {@code
 * X-Goog-Channel-Id} as well as {@code X-Goog-Channel-ID}.
 *
 * @param channelId X-Goog-Channel-ID: our channel id
 * @param token X-Goog-Channel-Token: the channel's secret; null when absent (then verification fails)
 * @param resourceId X-Goog-Resource-ID
 * @param state X-Goog-Resource-State
 * @param messageNumber X-Goog-Message-Number
 * @param channelExpiration X-Goog-Channel-Expiration; null when absent
 */
record NotificationHeaders(
        String channelId,
        String token,
        String resourceId,
        ResourceState state,
        long messageNumber,
        Instant channelExpiration) {

    static final String CHANNEL_ID = "X-Goog-Channel-ID";
    static final String CHANNEL_TOKEN = "X-Goog-Channel-Token";
    static final String RESOURCE_ID = "X-Goog-Resource-ID";
    static final String RESOURCE_STATE = "X-Goog-Resource-State";
    static final String MESSAGE_NUMBER = "X-Goog-Message-Number";
    static final String CHANNEL_EXPIRATION = "X-Goog-Channel-Expiration";
    static final String RESOURCE_URI = "X-Goog-Resource-URI";

    /** Our channel ids: what the worker generates (at most 64, the store's limit), nothing to inject into logs. */
    private static final Pattern CHANNEL_ID_FORMAT = Pattern.compile("[A-Za-z0-9_/=+.\\-]{1,64}");
    /** Google's limit for channel tokens. */
    static final int MAX_TOKEN_LENGTH = 256;

    static final int MAX_RESOURCE_ID_LENGTH = 1024;
    static final int MAX_RESOURCE_URI_LENGTH = 4096;

    /**
     * Reads and checks the headers.
     *
     * @param header the value of a header by name (case-insensitive), null when absent
     * @throws MalformedNotificationException with a short reason that echoes no header value
     */
    static NotificationHeaders read(UnaryOperator<String> header) {
        String channelId = required(header, CHANNEL_ID);
        if (!CHANNEL_ID_FORMAT.matcher(channelId).matches()) {
            throw new MalformedNotificationException(
                    CHANNEL_ID + " must be 1 to 64 characters of letters, digits and _/=+.-");
        }
        String token = header.apply(CHANNEL_TOKEN);
        if (token != null && token.length() > MAX_TOKEN_LENGTH) {
            throw new MalformedNotificationException(
                    CHANNEL_TOKEN + " is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String resourceId = required(header, RESOURCE_ID);
        if (resourceId.length() > MAX_RESOURCE_ID_LENGTH) {
            throw new MalformedNotificationException(
                    RESOURCE_ID + " is longer than " + MAX_RESOURCE_ID_LENGTH + " characters");
        }
        ResourceState state = ResourceState.fromWire(required(header, RESOURCE_STATE));
        if (state == ResourceState.UNKNOWN) {
            throw new MalformedNotificationException(RESOURCE_STATE + " must be sync, exists or not_exists");
        }
        long messageNumber = messageNumber(required(header, MESSAGE_NUMBER));
        String resourceUri = header.apply(RESOURCE_URI);
        if (resourceUri != null && resourceUri.length() > MAX_RESOURCE_URI_LENGTH) {
            throw new MalformedNotificationException(
                    RESOURCE_URI + " is longer than " + MAX_RESOURCE_URI_LENGTH + " characters");
        }
        return new NotificationHeaders(
                channelId, token, resourceId, state, messageNumber, expiration(header.apply(CHANNEL_EXPIRATION)));
    }

    private static String required(UnaryOperator<String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new MalformedNotificationException(name + " is missing");
        }
        return value;
    }

    private static long messageNumber(String value) {
        // At most 19 digits: every such number fits a long except the few above Long.MAX_VALUE.
        if (value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedNotificationException(MESSAGE_NUMBER + " must be a non-negative whole number");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedNotificationException(MESSAGE_NUMBER + " is too large");
        }
    }

    private static Instant expiration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 64) {
            throw new MalformedNotificationException(CHANNEL_EXPIRATION + " is not an RFC 1123 date");
        }
        try {
            Instant fast = Rfc1123.parseGmt(value.trim());
            return fast != null
                    ? fast
                    : ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
        } catch (DateTimeException e) {
            throw new MalformedNotificationException(CHANNEL_EXPIRATION + " is not an RFC 1123 date");
        }
    }

    /** A header is missing or malformed; the message is safe to return and to log. */
    static final class MalformedNotificationException extends RuntimeException {
        MalformedNotificationException(String reason) {
            super(reason, null, false, false);
        }
    }
}
