/**
 * The API's query language: filters, sort and paging translated into MongoDB queries, with user regular
 * expressions checked for safety.
 *
 * <p>May depend on: {@code io.ept.fabric}, {@code .fabric.schema}, {@code .security}, MongoDB driver.
 */
package io.ept.query;
