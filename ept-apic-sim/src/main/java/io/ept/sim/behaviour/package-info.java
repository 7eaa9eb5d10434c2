/**
 * How simulated endpoints behave: learning, moves, bounces, and the MO changes they cause.
 */
package io.ept.sim.behaviour;
