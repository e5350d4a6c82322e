package com.madeup.calsync.provider.emulator;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;

/**
 * Not a test: starts the emulator for {@code bench/provider-full-sync.sh} in its own JVM, creates
 * one account, generates {@code count} events on its primary calendar, prints
 * {@code READY <baseUrl> <accessToken> <calendarId>} and serves until stdin closes.
 *
 * <p>Arguments: count seed
 */
public final class EmulatorLauncher {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        try (GoogleEmulator emulator =
                GoogleEmulator.start(EmulatorConfig.defaults().withQuotaPerUserPerMinute(0))) {
            EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());
            EmulatorAdmin.Account account = admin.createAccount("bench@example.com");
            admin.generate(account.email(), count, seed);
            System.out.println("READY " + emulator.baseUrl() + " " + account.accessToken() + " " + account.email());
            System.out.flush();
            while (System.in.read() != -1) {
                // Serve until the benchmark closes our stdin.
            }
        }
    }
}
