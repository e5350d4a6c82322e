package com.madeup.calsync.dashboard.account;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Email and password sign-in (form and HTTP Basic) behind the {@link SignInThrottle}: a locked email
 * or address is refused before the password is looked at, so a lock cannot be used to test passwords
 * and answers the same for real and made-up emails.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String clientAddress = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        Optional<Duration> refusal = throttle.refusal(email, clientAddress);
        if (refusal.isPresent()) {
            throw new SignInThrottledException(refusal.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            throttle.succeeded(email);
            return signedIn;
        } catch (BadCredentialsException e) {
            // Unknown emails arrive here too (DaoAuthenticationProvider hides UsernameNotFound).
            throttle.failed(email, clientAddress);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
