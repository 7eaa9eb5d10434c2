package io.ept.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Creates the first admin at deployment rather than at the first login. */
@Singleton
@Startup
@DependsOn("Infrastructure")
public class AccountBootstrap {

    @Inject
    AccountService accounts;

    @PostConstruct
    void start() {
        accounts.settings();
    }
}
