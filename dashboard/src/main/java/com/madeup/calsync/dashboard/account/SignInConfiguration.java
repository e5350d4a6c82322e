package com.madeup.calsync.dashboard.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/** Email and password sign-in for the pages and the JSON API, with the sign-in throttle. */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    SignInThrottle signInThrottle(SignInThrottleProperties properties, Clock clock) {
        return new SignInThrottle(properties, clock);
    }

    /** The one authentication manager of both security chains (form login and HTTP Basic). */
    @Bean
    AuthenticationManager authenticationManager(
            UserAccountService accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
    }

    /**
     * Form sign-in failures: {@code /login?error} for wrong credentials, {@code /login?throttled=<minutes>}
     * while locked. The same for every email, real or not.
     */
    @Bean
    AuthenticationFailureHandler signInFailureHandler() {
        RedirectStrategy redirect = new DefaultRedirectStrategy();
        return (request, response, exception) -> redirect.sendRedirect(
                request,
                response,
                exception instanceof SignInThrottledException throttled
                        ? "/login?throttled=" + throttled.retryAfterMinutes()
                        : "/login?error");
    }

    /** HTTP Basic on the JSON API: 429 with {@code Retry-After} while locked, else the usual 401. */
    @Bean
    AuthenticationEntryPoint apiAuthenticationEntryPoint() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("calsync");
        return (request, response, exception) -> {
            if (exception instanceof SignInThrottledException throttled) {
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter()
                        .write("{\"error\":\"too_many_attempts\",\"message\":\"Too many failed sign-ins; try again in "
                                + throttled.retryAfterMinutes() + " minute(s)\"}");
                return;
            }
            basic.commence(request, response, exception);
        };
    }
}
