/**
 * Class and MO queries with APIC filter syntax, paging and ordering.
 */
package io.ept.sim.query;
