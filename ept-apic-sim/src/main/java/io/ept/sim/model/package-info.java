/**
 * The simulator's managed objects and their schemas.
 */
package io.ept.sim.model;
