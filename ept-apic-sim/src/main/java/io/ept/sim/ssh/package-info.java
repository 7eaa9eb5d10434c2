/**
 * The switches' SSH shell, answering the commands EPT's clear sends.
 */
package io.ept.sim.ssh;
