/**
 * Websocket subscriptions and the events pushed to them.
 */
package io.ept.sim.subscription;
