package com.madeup.calsync.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo data of the local stack: two users to sign in with, a Person for each of them and for the
 * twelve people the emulator's demo calendars invite, and a few matters. Every insert is
 * {@code ON CONFLICT DO NOTHING}, so seeding again (every start) adds nothing and never overwrites what a
 * user changed.
 */
final class DemoData {

    /** A user of the MadeUp Co. app; {@code password} is the demo sign-in, stored only as a BCrypt hash. */
    record DemoUser(String email, String displayName, String password, boolean admin) {}

    record DemoMatter(String reference, String title) {}

    /** How many rows one seeding added. */
    record Outcome(int users, int persons, int matters) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("demo@madeup.example", "Demo User", "demo", false),
            new DemoUser("admin@madeup.example", "Admin User", "admin", true));

    /** The attendees of the emulator's demo calendars (google-emulator's --demo seed). */
    static final List<String> INVITEES = List.of(
            "alice.adams",
            "bob.brown",
            "carol.chen",
            "dan.diaz",
            "erin.evans",
            "frank.fischer",
            "grace.garcia",
            "henry.hughes",
            "irene.ito",
            "jack.jones",
            "kate.kim",
            "liam.lopez");

    static final String EMAIL_DOMAIN = "madeup.example";

    /** The demo users' time zone: the same as the emulator's demo account, so both show the same times. */
    static final ZoneId TIME_ZONE = ZoneId.of("Europe/Berlin");

    static final List<DemoMatter> MATTERS = List.of(
            new DemoMatter("M-2026-001", "Adams Holdings: acquisition of Brown Logistics"),
            new DemoMatter("M-2026-002", "Chen v. Diaz Construction: contract dispute"),
            new DemoMatter("M-2026-003", "Evans Family Trust: estate planning"),
            new DemoMatter("M-2026-004", "Fischer GmbH: trademark registration"),
            new DemoMatter("M-2026-005", "Garcia Foods: supplier agreements review"));

    private final PasswordEncoder passwordEncoder;
    private final ZoneId timeZone;

    DemoData(PasswordEncoder passwordEncoder, ZoneId timeZone) {
        this.passwordEncoder = passwordEncoder;
        this.timeZone = timeZone;
    }

    /** "alice.adams" becomes "Alice Adams". */
    static String displayNameOf(String localPart) {
        StringBuilder name = new StringBuilder();
        for (String word : localPart.split("\\.")) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return name.toString();
    }

    Outcome seed(DatabaseAccess access) {
        try (Connection connection = access.connect()) {
            connection.setAutoCommit(false);
            try {
                int users = 0;
                for (DemoUser user : USERS) {
                    users += insertUser(connection, user);
                }
                int persons = 0;
                for (DemoUser user : USERS) {
                    persons += insertPerson(connection, user.email(), user.displayName());
                }
                for (String localPart : INVITEES) {
                    persons += insertPerson(connection, localPart + "@" + EMAIL_DOMAIN, displayNameOf(localPart));
                }
                int matters = 0;
                for (DemoMatter matter : MATTERS) {
                    matters += insertMatter(connection, matter);
                }
                connection.commit();
                return new Outcome(users, persons, matters);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the demo data failed: " + e.getMessage(), e);
        }
    }

    private int insertUser(Connection connection, DemoUser user) throws SQLException {
        // Hash only when the row is missing: BCrypt is slow on purpose, and a new salt each start is useless.
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM users WHERE lower(email) = ?")) {
            exists.setString(1, user.email().toLowerCase(Locale.ROOT));
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return 0;
                }
            }
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO users (email, display_name, password_hash, admin, time_zone)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, user.email());
            insert.setString(2, user.displayName());
            insert.setString(3, passwordEncoder.encode(user.password()));
            insert.setBoolean(4, user.admin());
            insert.setString(5, timeZone.getId());
            return insert.executeUpdate();
        }
    }

    private static int insertPerson(Connection connection, String email, String displayName) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO persons (email, display_name, user_id)"
                + " VALUES (?, ?, (SELECT id FROM users WHERE lower(email) = lower(?))) ON CONFLICT DO NOTHING")) {
            insert.setString(1, email);
            insert.setString(2, displayName);
            insert.setString(3, email);
            return insert.executeUpdate();
        }
    }

    private static int insertMatter(Connection connection, DemoMatter matter) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO matters (reference, title) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, matter.reference());
            insert.setString(2, matter.title());
            return insert.executeUpdate();
        }
    }
}
