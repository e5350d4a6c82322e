package com.madeup.calsync.dashboard.account;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as kept in the session. The password hash is erased after sign-in. */
public final class CurrentUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String email;
    private final String displayName;
    private final boolean admin;
    private final ZoneId zone;
    private String passwordHash;

    public CurrentUser(long id, String email, String displayName, String passwordHash, boolean admin, ZoneId zone) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.zone = zone;
    }

    public long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName == null || displayName.isBlank() ? email : displayName;
    }

    public boolean admin() {
        return admin;
    }

    /** The user's time zone: the calendar view and the form's default zone. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return admin
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "CurrentUser[id=" + id + ", admin=" + admin + "]";
    }
}
