package com.madeup.calsync.provider.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.SendUpdates;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeCalendarApiTest {

    static final AccessToken TOKEN = new AccessToken("t");
    final FakeCalendarApi fake = new FakeCalendarApi(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC))
            .addCalendar("ada@example.com", "owner");

    @Test
    void fullThenIncrementalSyncSeesChangesAndDeletions() {
        for (int i = 0; i < 5; i++) {
            fake.putEvent(
                    "ada@example.com",
                    EventDraft.builder().id("event" + i).summary("e" + i).build());
        }
        List<ProviderEvent> seen = new ArrayList<>();
        ApiResponse<SyncResult> full =
                fake.syncEvents(TOKEN, "ada@example.com", EventQuery.full().withMaxResults(2), seen::addAll);
        assertThat(full.body().pages()).isEqualTo(3);
        assertThat(seen).hasSize(5);

        fake.removeEvent("ada@example.com", "event1");
        fake.putEvent(
                "ada@example.com",
                EventDraft.builder().id("event2").summary("changed").build());
        seen.clear();
        ApiResponse<SyncResult> incremental = fake.syncEvents(
                TOKEN, "ada@example.com", EventQuery.incremental(full.body().nextSyncToken()), seen::addAll);

        assertThat(incremental.ok()).isTrue();
        assertThat(seen).extracting(ProviderEvent::id).containsExactly("event1", "event2");
        assertThat(seen.get(0).cancelled()).isTrue();
        assertThat(seen.get(1).summary()).isEqualTo("changed");
    }

    @Test
    void scriptedFailuresComeFirstThenCallsSucceed() {
        fake.failNext(2, ErrorKind.TRANSIENT);

        assertThat(fake.getCalendar(TOKEN, "ada@example.com").errorKind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(fake.getCalendar(TOKEN, "ada@example.com").status()).isEqualTo(503);
        assertThat(fake.getCalendar(TOKEN, "ada@example.com").ok()).isTrue();
        assertThat(fake.calls("calendarList.get")).isEqualTo(3);
    }

    @Test
    void invalidatedSyncTokenAnswersSyncTokenInvalid() {
        String token = fake.syncEvents(TOKEN, "ada@example.com", EventQuery.full(), page -> {})
                .body()
                .nextSyncToken();
        fake.invalidateSyncTokens("ada@example.com");

        assertThat(fake.listEvents(TOKEN, "ada@example.com", EventQuery.incremental(token), null)
                        .errorKind())
                .isEqualTo(ErrorKind.SYNC_TOKEN_INVALID);
    }

    @Test
    void writesBehaveLikeGoogle() {
        ProviderEvent created = fake.insertEvent(
                        TOKEN,
                        "ada@example.com",
                        EventDraft.builder().id("abcde1").summary("s").build(),
                        SendUpdates.ALL)
                .body();
        assertThat(fake.insertEvent(
                                TOKEN,
                                "ada@example.com",
                                EventDraft.builder().id("abcde1").build(),
                                SendUpdates.ALL)
                        .errorKind())
                .isEqualTo(ErrorKind.CONFLICT);
        ProviderEvent patched = fake.patchEvent(
                        TOKEN,
                        "ada@example.com",
                        "abcde1",
                        EventDraft.builder().location("Room 4").build(),
                        created.etag(),
                        SendUpdates.EXTERNAL_ONLY)
                .body();
        assertThat(patched.summary()).isEqualTo("s");
        assertThat(patched.location()).isEqualTo("Room 4");
        assertThat(fake.patchEvent(
                                TOKEN,
                                "ada@example.com",
                                "abcde1",
                                EventDraft.builder().build(),
                                created.etag(),
                                SendUpdates.ALL)
                        .errorKind())
                .isEqualTo(ErrorKind.PRECONDITION_FAILED);
        assertThat(fake.deleteEvent(TOKEN, "ada@example.com", "abcde1", null, SendUpdates.NONE)
                        .ok())
                .isTrue();
        assertThat(fake.deleteEvent(TOKEN, "ada@example.com", "abcde1", null, SendUpdates.ALL)
                        .errorKind())
                .isEqualTo(ErrorKind.ALREADY_DELETED);
        assertThat(fake.events("ada@example.com")).isEmpty();
        assertThat(fake.sendUpdates("events.insert")).containsExactly(SendUpdates.ALL, SendUpdates.ALL);
        assertThat(fake.sendUpdates("events.patch")).containsExactly(SendUpdates.EXTERNAL_ONLY, SendUpdates.ALL);
        assertThat(fake.sendUpdates("events.delete")).containsExactly(SendUpdates.NONE, SendUpdates.ALL);
    }

    @Test
    void refreshAfterRevokeIsInvalidGrant() {
        RefreshToken refresh = new RefreshToken("r-1");
        assertThat(fake.refresh(refresh).ok()).isTrue();
        fake.revoke(refresh);

        assertThat(fake.refresh(refresh).errorKind()).isEqualTo(ErrorKind.INVALID_GRANT);
    }
}
