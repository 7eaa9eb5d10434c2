/**
 * The web tier's MicroProfile Config, grouped (login throttling, browser sessions and origins, contact details): each
 * property's name and default defined once, in its group, a {@code @Dependent} bean that consumers inject (why not
 * {@code @ConfigProperties}: see {@link io.ept.platform.config}). Depends on nothing of EPT.
 */
package io.ept.web.config;
