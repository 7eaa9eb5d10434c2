package io.ept.monitor;

import io.ept.apic.ApicException;
import io.ept.apic.ApicMo;
import io.ept.apic.ApicSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** Reads the configuration and node classes the topology is built from. */
public final class FabricReader {

    private static final Logger LOG = Logger.getLogger(FabricReader.class.getName());

    private FabricReader() {
    }

    public static Map<String, List<ApicMo>> readTopologyClasses(ApicSession session) {
        Map<String, List<ApicMo>> byClass = new HashMap<>();
        for (String cls : ApicClasses.CONFIG) {
            byClass.put(cls, readClass(session, cls, Map.of()));
        }
        for (String cls : ApicClasses.OPTIONAL_CONFIG) {
            try {
                byClass.put(cls, readClass(session, cls, Map.of()));
            } catch (ApicException e) {
                if (e.status() != 400) {
                    throw e;
                }
                LOG.fine(() -> cls + " is not known by this APIC: " + e.getMessage());
                byClass.put(cls, List.of());
            }
        }
        for (String cls : List.of("fabricNode", "fabricProtPol", "fabricAutoGEp")) {
            byClass.put(cls, readClass(session, cls, Map.of()));
        }
        byClass.put("fabricExplicitGEp", readClass(session, "fabricExplicitGEp",
                Map.of("rsp-subtree", "full", "rsp-subtree-class", "fabricNodePEp")));
        for (String cls : ApicClasses.NODE_DETAILS) {
            byClass.put(cls, readClass(session, cls, Map.of()));
        }
        return byClass;
    }

    public static List<ApicMo> readClass(ApicSession session, String cls, Map<String, String> params) {
        return session.readAll("/api/class/" + cls + ".json", params, ApicClasses.orderBy(cls));
    }
}
