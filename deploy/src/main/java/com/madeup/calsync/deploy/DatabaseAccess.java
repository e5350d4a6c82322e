package com.madeup.calsync.deploy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/** How the apps (and the launcher) reach the database. */
record DatabaseAccess(String jdbcUrl, String user, Secret password) {

    DatabaseAccess {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password.value());
        properties.setProperty("ApplicationName", "calsync-local-launcher");
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
