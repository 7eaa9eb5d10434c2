/**
 * The web tier's security: session cookies, role filters, origin checks, login throttling, security headers and
 * the one decision on which request paths are public.
 *
 * <p>May depend on: {@code io.ept.security}, {@code io.ept.web.api} (error bodies), Servlet and JAX-RS.
 */
package io.ept.web.security;
