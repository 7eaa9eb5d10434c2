package io.ept.web.security;

import io.ept.security.Caller;
import io.ept.security.Role;
import io.ept.web.api.ApiErrors;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * Authorises every API route by its {@code @RolesAllowed} ({@link Roles#USER} = read-only or admin,
 * {@link Roles#ADMIN}) or {@code @PermitAll}; a route without either needs admin (EPT 2.x's class default).
 * Anonymous callers get 401, blacklisted callers 403 everywhere, read-only callers 403 on admin routes.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    CurrentCaller current;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Role required = requiredRole(method);
        if (required == null) {
            return;
        }
        if (!current.isLoggedIn()) {
            String problem = current.problem().orElse(
                    "authentication required: POST /ept/api/user/login, then send cookie or header 'session'");
            request.abortWith(ApiErrors.error(401, problem));
            return;
        }
        Caller caller = current.caller().orElseThrow();
        if (caller.role() == Role.BLACKLIST) {
            request.abortWith(ApiErrors.error(403, "user '" + caller.username() + "' is blacklisted"));
        } else if (!caller.role().satisfies(required)) {
            request.abortWith(ApiErrors.error(403, "this route requires the " + required.label() + " role"));
        }
    }

    /** The role a route needs, or null when anyone may call it. */
    public static Role requiredRole(Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && !method.getDeclaringClass().isAnnotationPresent(PermitAll.class)) {
            roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        } else if (roles == null) {
            return null;
        }
        if (roles == null) {
            return Role.ADMIN;
        }
        Role weakest = Role.ADMIN;
        for (String name : roles.value()) {
            Role role = Role.fromLabel(name);
            if (role.code() > weakest.code()) {
                weakest = role;
            }
        }
        return weakest;
    }
}
