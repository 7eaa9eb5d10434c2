/**
 * The one CSV writer of the web tier: RFC 4180 through Apache Commons CSV, with one rule against spreadsheet
 * formula injection. Used by the REST API's CSV answers (io.ept.web.api) and the UI's table downloads
 * (io.ept.web.ui); depends on nothing else of EPT.
 */
package io.ept.web.csv;
