/**
 * Parsing and validation of APIC epm records (epmMacEp, epmIpEp, epmRsMacEpToIpEpAtt) into
 * {@link io.ept.analysis.model.EpmEvent}s; everything from the APIC is treated as hostile until it parses.
 *
 * <p>May depend on: {@code io.ept.analysis.model} and the JDK only.
 */
package io.ept.analysis.parse;
