/**
 * The worker side of the pipeline: a batch of epm events analysed per endpoint key
 * ({@link io.ept.endpoint.EndpointBatch}, {@link io.ept.endpoint.EpmWorkService}), the endpoint state cache, and the
 * MongoDB endpoint store with its event logs ({@link io.ept.endpoint.MongoEndpointStore}, {@link io.ept.endpoint.EventLog},
 * {@link io.ept.endpoint.EndpointWrites}).
 *
 * <p>May depend on: ept-core, {@code io.ept.domain}, {@code .fabric}, {@code .platform}, {@code .messaging},
 * {@code .watch}, {@code .events}, {@code .status}, MongoDB driver, Jakarta CDI.
 */
package io.ept.endpoint;
