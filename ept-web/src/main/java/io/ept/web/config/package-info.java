/**
 * The web tier's MicroProfile Config, as {@code @ConfigProperties} groups (login throttling, browser sessions and
 * origins, contact details): each property's name and default defined once, in its group. Depends on nothing of EPT.
 */
package io.ept.web.config;
