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

    /**
     * Reads every class the mirror is built from; {@code afterEachClass} runs after each one (the subscriber keeps its
     * subscriptions alive with it: a design-size fabric takes longer to read than a subscription lives unrefreshed).
     */
    public static Map<String, List<ApicMo>> readTopologyClasses(ApicSession session, Runnable afterEachClass) {
        Map<String, List<ApicMo>> byClass = new HashMap<>();
        for (String cls : ApicClasses.CONFIG) {
            byClass.put(cls, readClass(session, cls, Map.of()));
            afterEachClass.run();
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
            afterEachClass.run();
        }
        for (String cls : List.of("fabricNode", "fabricProtPol", "fabricAutoGEp")) {
            byClass.put(cls, readClass(session, cls, Map.of()));
            afterEachClass.run();
        }
        byClass.put("fabricExplicitGEp", readClass(session, "fabricExplicitGEp",
                Map.of("rsp-subtree", "full", "rsp-subtree-class", "fabricNodePEp")));
        afterEachClass.run();
        for (String cls : ApicClasses.NODE_DETAILS) {
            byClass.put(cls, readClass(session, cls, Map.of()));
            afterEachClass.run();
        }
        return byClass;
    }

    public static List<ApicMo> readClass(ApicSession session, String cls, Map<String, String> params) {
        return session.readAll("/api/class/" + cls + ".json", params, ApicClasses.orderBy(cls));
    }
}
