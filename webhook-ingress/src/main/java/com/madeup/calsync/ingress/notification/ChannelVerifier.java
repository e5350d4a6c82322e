package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.store.channel.CalendarSubscription;

/** Decides whether a notification's channel id and token belong to one of our open channels. */
@FunctionalInterface
interface ChannelVerifier {

    /** @param token the presented token, null when the header was absent */
    Verification verify(String channelId, String token);

    /** What verification found; {@code subscription} is set only when {@link Result#VERIFIED}. */
    record Verification(Result result, CalendarSubscription subscription) {

        static Verification verified(CalendarSubscription subscription) {
            return new Verification(Result.VERIFIED, subscription);
        }

        static final Verification UNKNOWN_CHANNEL = new Verification(Result.UNKNOWN_CHANNEL, null);
        static final Verification WRONG_TOKEN = new Verification(Result.WRONG_TOKEN, null);
    }

    enum Result {
        VERIFIED,
        /** No such channel, or it is stopped. */
        UNKNOWN_CHANNEL,
        /** The channel is open but the token is wrong or absent. */
        WRONG_TOKEN
    }
}
