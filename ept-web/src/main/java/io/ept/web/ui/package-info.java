/**
 * The Jakarta Faces UI: view beans of the pages, lazy table models, live feed.
 *
 * <p>May depend on: ept-ejb's services and values, {@code io.ept.web.security}, Faces, PrimeFaces.
 */
package io.ept.web.ui;
