/**
 * Page scripts load after the first paint: a response writer takes every script of a full page render out of the
 * page and ends the body with a small loader that fetches them once the page has painted, then runs the inline
 * scripts in their order (PrimeFaces' widgets, the websocket).
 *
 * <p>May depend on: Faces.
 */
package io.ept.web.ui.scripts;
