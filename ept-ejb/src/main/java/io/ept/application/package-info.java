/**
 * The application layer: the operations the REST API (ept-web io.ept.web.api) and the web UI (io.ept.web.ui) both
 * call, so neither builds a MongoDB filter nor holds a collection. The services read and change the stores through
 * the domain packages (io.ept.fabric, io.ept.endpoint, io.ept.findings, io.ept.query, io.ept.monitor) and answer
 * with domain values or the stored documents in the shapes the API returns. May depend on every domain package of
 * ept-ejb and on ept-core; nothing in ept-ejb depends on it.
 */
package io.ept.application;
