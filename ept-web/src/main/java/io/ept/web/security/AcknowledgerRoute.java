package io.ept.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write route open to admins and to the users a fabric's admins named as acknowledgers: the route carries
 * {@code @RolesAllowed(user)} for {@link RoleFilter}, and the findings service checks the right itself. The route
 * table reports its role as {@value #ROLE}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcknowledgerRoute {
    String ROLE = "admin or acknowledger";
}
