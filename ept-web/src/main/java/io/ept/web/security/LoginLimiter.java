package io.ept.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.ept.web.config.LoginConfig;

import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Failed-login throttling of the API and the UI, per username and per client address ({@link LoginThrottle}):
 * by default 5 free failures per username and 50 per address within 15 minutes, then waits of 5 s, 10 s, 20 s ...
 * up to 15 minutes (ept.login.user-free-failures, -address-free-failures, -window-seconds, -base-wait-seconds,
 * -max-wait-seconds).
 * A throttled attempt is answered 429 with Retry-After before any password is checked, identically for existing
 * and unknown usernames. A successful login clears its username's count (not its address's: one good password
 * must not reset a password-spraying address).
 */
@ApplicationScoped
public class LoginLimiter {

    @Inject
    LoginConfig loginConfig;

    private LoginThrottle users;
    private LoginThrottle addresses;

    @PostConstruct
    void init() {
        users = new LoginThrottle(loginConfig.userFreeFailures, loginConfig.windowSeconds, loginConfig.baseWaitSeconds,
                loginConfig.maxWaitSeconds, 10_000, Clock.systemUTC());
        addresses = new LoginThrottle(loginConfig.addressFreeFailures, loginConfig.windowSeconds,
                loginConfig.baseWaitSeconds, loginConfig.maxWaitSeconds, 10_000, Clock.systemUTC());
    }

    /** Seconds to wait before the next attempt for this username from this address, or empty. */
    public OptionalLong retryAfter(String username, String address) {
        OptionalLong user = users.retryAfter(key(username));
        OptionalLong addr = addresses.retryAfter(String.valueOf(address));
        if (user.isPresent() && addr.isPresent()) {
            return OptionalLong.of(Math.max(user.getAsLong(), addr.getAsLong()));
        }
        return user.isPresent() ? user : addr;
    }

    public void failed(String username, String address) {
        users.failed(key(username));
        addresses.failed(String.valueOf(address));
    }

    public void succeeded(String username) {
        users.succeeded(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
