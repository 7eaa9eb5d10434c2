/**
 * Infrastructure: MongoDB and Redis clients, the embedded MongoDB-protocol server and redis-server that
 * {@code ./ept} runs, dependency health (the gate the MDBs wait at), the Redis subscriber.
 *
 * <p>May depend on: no other EPT package; MongoDB driver, mongo-java-server, H2, Jedis.
 */
package io.ept.platform;
