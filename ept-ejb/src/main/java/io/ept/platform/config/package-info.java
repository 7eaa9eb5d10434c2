/**
 * EPT's MicroProfile Config, grouped: one small class per concern (storage, embedded servers, workers, subscriber,
 * monitor, APIC, SSH, syslog, webhooks, secrets, findings, health, analysis timers), each property's name and default
 * defined once, in its group; consumers inject the group.
 *
 * <p>The groups are {@code @Dependent} beans whose fields are injected with {@code @ConfigProperty}, not
 * {@code @ConfigProperties} classes: in WildFly 39 (SmallRye Config 3.13) a {@code @ConfigProperties} class cannot be
 * injected anywhere in EPT's EAR. SmallRye registers the mappings, at deployment validation, in the Config of the
 * EAR's class loader, but looks them up in the Config of the injecting thread's context class loader, which in
 * ept-ejb's beans and EJBs and in ept-web is their own module's ("SRCFG00027: Could not find a mapping"); it failed
 * alike in @Singleton EJBs, @ApplicationScoped beans and a servlet filter.
 *
 * <p>Depends on nothing of EPT but the analysis settings' declarations ({@link io.ept.analysis.model.Setting}), whose
 * defaults the analysis timers keep.
 */
package io.ept.platform.config;
