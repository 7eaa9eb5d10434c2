/**
 * Users, roles and sessions: accounts, password hashing, login, encrypted secrets.
 *
 * <p>May depend on: {@code io.ept.fabric.schema}, {@code .platform}, MongoDB driver.
 */
package io.ept.security;
