package com.madeup.calsync.dashboard.account;

import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.account.UserRepository;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs users in against the {@code users} table (BCrypt hashes, admin flag). */
@Service
class UserAccountService implements UserDetailsService {

    private final UserRepository users;

    UserAccountService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        User user = users.findByEmailIgnoringCase(email)
                .filter(found -> found.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("no user with a password for that email"));
        return new CurrentUser(
                user.id(), user.email(), user.displayName(), user.passwordHash(), user.admin(), zoneOf(user));
    }

    private static ZoneId zoneOf(User user) {
        try {
            return user.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(user.timeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
