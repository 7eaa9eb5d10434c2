/**
 * Cluster mode: which node runs each fabric's subscriber. Every node of a cluster runs the same EAR; the nodes
 * announce themselves in the store ({@link io.ept.cluster.NodeRegistry}) and each fabric's subscriber runs only on
 * the node holding the fabric's lease ({@link io.ept.cluster.FabricOwnership}, {@link io.ept.cluster.FabricLeases}).
 *
 * <p>Why a lease in MongoDB with a fencing token, not WildFly's clustered singleton service: the store is the one
 * thing every node must reach anyway, a lease there needs no JGroups cluster (which the supported deployments do not
 * otherwise need), and its token lets the workers refuse work sent by a subscriber whose lease lapsed while it was
 * paused ({@link io.ept.cluster.LeaseFence}). The holder stops its subscriber a safety margin before the lease can be
 * taken ({@link io.ept.cluster.LeaseTerms}), so two subscribers of one fabric never run at once as long as the nodes'
 * clocks differ by less than that margin.
 *
 * <p>May depend on: {@code io.ept.platform}, {@code io.ept.fabric}.
 */
package io.ept.cluster;
