package io.ept.monitor;

import io.ept.apic.ApicException;
import io.ept.apic.ApicMo;
import io.ept.apic.ApicSession;
import io.ept.apic.ApicTrust;
import io.ept.fabric.TrustPins;
import io.ept.endpoint.clear.EndpointClearService;
import io.ept.fabric.FabricRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import io.ept.platform.config.ApicConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fabric checks of the settings page: /verify (APIC login, rights, SSH path) and /controllers (failover list). */
@ApplicationScoped
public class FabricVerifier {

    @Inject
    FabricRepository fabrics;

    @Inject
    EndpointClearService clears;

    @Inject
    ApicConfig apicConfig;

    public record Verification(boolean success, String apicError, String sshError) {
    }

    /** APIC: login and admin read rights on domain all. SSH: to the first active leaf through the APIC. */
    public Verification verify(String fabric) {
        Document doc = fabrics.requireFabric(fabric);
        ApicSession session;
        try {
            session = login(doc);
        } catch (ApicException | IllegalArgumentException e) {
            return new Verification(false, e.getMessage(), "not checked: the APIC login failed");
        }
        String apicError = session.hasAdminReadOnAll() ? "" : "insufficient permissions: user '"
                + doc.getString("apic_username") + "' needs admin read rights in security domain all";
        List<ApicMo> systems;
        try {
            systems = FabricReader.readClass(session, "topSystem", Map.of());
        } catch (ApicException e) {
            return new Verification(false, e.getMessage(), "not checked: topSystem could not be read");
        }
        String apicTep = null;
        String leafTep = null;
        for (ApicMo system : systems) {
            boolean inService = "in-service".equals(system.attr("state"));
            if (apicTep == null && "controller".equals(system.attr("role"))) {
                apicTep = system.attr("address");
            } else if (leafTep == null && inService && "leaf".equals(system.attr("role"))) {
                leafTep = system.attr("address");
            }
        }
        String sshError = apicTep == null || leafTep == null ? "no controller or active leaf found in topSystem"
                : clears.verifySsh(fabric, apicTep, leafTep);
        sshError = sshError == null ? "" : sshError;
        return new Verification(apicError.isEmpty() && sshError.isEmpty(), apicError, sshError);
    }

    /** Reads the in-service controllers' out-of-band and in-band addresses into the fabric's failover list. */
    public List<String> discoverControllers(String fabric) {
        Document doc = fabrics.requireFabric(fabric);
        ApicSession session = login(doc);
        List<String> controllers = new ArrayList<>();
        for (ApicMo system : FabricReader.readClass(session, "topSystem", Map.of())) {
            if (!"controller".equals(system.attr("role")) || !"in-service".equals(system.attr("state"))) {
                continue;
            }
            for (String attr : List.of("oobMgmtAddr", "inbMgmtAddr")) {
                String address = system.attr(attr);
                if (!address.isEmpty() && !"0.0.0.0".equals(address) && !controllers.contains(address)) {
                    controllers.add(address);
                }
            }
        }
        fabrics.setFabricFields(fabric, Map.of("controllers", controllers));
        return controllers;
    }

    /** Logs in with the fabric's trust: CAs (ept.apic.verify-tls) or the pinned certificate (pinned on first use). */
    private ApicSession login(Document doc) {
        String host = doc.getString("apic_hostname");
        ApicTrust trust = ApicTrust.of(apicConfig.verifyTls, ApicSession.trustHost(host),
                new TrustPins(fabrics).pins(doc.getString("fabric"), TrustPins.Kind.APIC_CERT));
        return ApicSession.login(host, doc.getString("apic_username"),
                fabrics.secret(doc, "apic_password"), trust, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
