package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A full sync of 20,000 generated events in pages of 2,500: every event once, 8 pages, a sync token at the
 * end (the benchmark's shape; its speed is measured by bench/provider-full-sync.sh, not here).
 */
class ThroughputTest {

    @Test
    void fullSyncOfTwentyThousandEventsPagesThroughEveryEventOnce() throws Exception {
        try (GoogleEmulator google =
                GoogleEmulator.start(EmulatorConfig.defaults().withQuotaPerUserPerMinute(0))) {
            EmulatorHttp admin = new EmulatorHttp(google.baseUrl());
            String token = admin.account("bench@madeup.example");
            JsonNode generated = admin.admin(
                            "POST",
                            "/emulator/calendars/bench@madeup.example/generate",
                            "{\"count\":20000,\"seed\":1,\"recurringShare\":0.0,\"withAttendees\":true}")
                    .json();
            assertThat(generated.path("created").asInt()).isEqualTo(20000);

            HttpClient client = HttpClient.newHttpClient();
            for (int round = 0; round < 2; round++) { // the second round is served from the byte cache
                int count = 0;
                String pageToken = null;
                String syncToken = null;
                int pages = 0;
                do {
                    URI uri = google.baseUrl()
                            .resolve("/calendar/v3/calendars/primary/events?maxResults=2500"
                                    + (pageToken == null ? "" : "&pageToken=" + pageToken));
                    HttpResponse<byte[]> response = client.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(response.statusCode()).isEqualTo(200);
                    JsonNode page = EmulatorHttp.JSON.readTree(response.body());
                    count += page.path("items").size();
                    pageToken = page.has("nextPageToken")
                            ? page.path("nextPageToken").asString()
                            : null;
                    syncToken = page.has("nextSyncToken")
                            ? page.path("nextSyncToken").asString()
                            : null;
                    pages++;
                } while (pageToken != null);
                assertThat(count).isEqualTo(20000);
                assertThat(pages).isEqualTo(8);
                assertThat(syncToken).isNotNull();
            }
        }
    }
}
