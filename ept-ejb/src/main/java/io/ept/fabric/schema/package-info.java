/**
 * A small schema language for validating objects posted to the API (attribute types, ranges, allowed values).
 *
 * <p>May depend on: the JDK only.
 */
package io.ept.fabric.schema;
