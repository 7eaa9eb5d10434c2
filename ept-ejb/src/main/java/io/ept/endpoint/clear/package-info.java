/**
 * Clearing an endpoint on the switches over SSH (ept-reference 3.10): targets, the fixed command lines with
 * validated words only, host-key pinning.
 *
 * <p>May depend on: ept-core, {@code io.ept.domain}, {@code .apic}, {@code .endpoint}, {@code .fabric},
 * {@code .notify}, {@code .platform}, Apache MINA SSHD.
 */
package io.ept.endpoint.clear;
