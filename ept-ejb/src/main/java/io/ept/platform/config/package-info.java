/**
 * EPT's MicroProfile Config, as {@code @ConfigProperties} groups: one small class per concern (storage, workers,
 * monitor, notifications, secrets...), each property's name and default defined once, in its group. Beans, EJB
 * singletons and stateless beans inject a group with {@code @Inject @ConfigProperties}. Depends on nothing of EPT but
 * the analysis settings' declarations ({@link io.ept.analysis.model.Setting}), whose defaults the analysis timers keep.
 */
package io.ept.platform.config;
