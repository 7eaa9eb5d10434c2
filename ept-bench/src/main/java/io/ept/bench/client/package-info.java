/**
 * HTTP clients of EPT's API and the simulator's control API.
 */
package io.ept.bench.client;
