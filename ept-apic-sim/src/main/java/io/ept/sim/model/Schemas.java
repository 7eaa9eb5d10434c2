package io.ept.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry of class schemas. The attribute sets and their order come from the public captures
 * (shared/apic-samples, copied into class-templates.json) so responses have the captured shape.
 */
public final class Schemas {
    public static final String EPM_MAC = "epmMacEp";
    public static final String EPM_IP = "epmIpEp";
    public static final String EPM_RS = "epmRsMacEpToIpEpAtt";
    public static final String EPM_DB = "epmDb";

    /** Classes that are valid in URLs although the simulator keeps no instance (answers are empty). */
    private static final Set<String> KNOWN_EMPTY = Set.of(
            "fvTenant", "fvAp", "fvCEp", "fvIp", "faultInst", "l1PhysIf", "vpcDom", "vpcIf", "vpcInst",
            "l3Ctx", "l2BD", "vlanCktEp", "l3Inst", "eqptLC", "infraWiNode", "aaaUser", "fabricPod",
            "fabricLink", "ethpmPhysIf", "vzBrCP", "fvRsPathAtt", "compVm", "moCount", "topInfo", "polUni",
            "fabricSetupP", "infraInfra", "isisDTEp", "ipv4Addr", "fvRsCons", "fvRsProv");

    private static final Map<String, ClassSchema> SCHEMAS = new ConcurrentHashMap<>();

    static {
        try (InputStream in = Schemas.class.getResourceAsStream("class-templates.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                e.getValue().fields().forEachRemaining(a -> { names.add(a.getKey()); values.add(a.getValue().asText()); });
                register(e.getKey(), names, values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // no capture of an auto group exists; it has the explicit group's shape
        ClassSchema explicit = SCHEMAS.get("fabricExplicitGEp");
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < explicit.size(); i++) { names.add(explicit.attrName(i)); values.add(explicit.newValues()[i]); }
        register("fabricAutoGEp", names, values);
        register(EPM_DB, List.of("childAction", "dn", "lcOwn", "modTs", "name", "status"),
                List.of("", "", "local", "never", "", ""));
    }

    private Schemas() {}

    private static void register(String cls, List<String> names, List<String> values) {
        SCHEMAS.put(cls, new ClassSchema(cls, names.toArray(new String[0]), values.toArray(new String[0])));
    }

    public static ClassSchema get(String cls) { return SCHEMAS.get(cls); }

    /** Schema for a class, creating an ad-hoc one (from injected attributes) when unknown. */
    public static ClassSchema getOrCreate(String cls, List<String> attrNames) {
        return SCHEMAS.computeIfAbsent(cls, c -> {
            List<String> names = new ArrayList<>(attrNames);
            for (String required : List.of("dn", "status", "childAction")) if (!names.contains(required)) names.add(required);
            names.sort(String::compareTo);
            String[] defaults = new String[names.size()];
            java.util.Arrays.fill(defaults, "");
            return new ClassSchema(c, names.toArray(new String[0]), defaults);
        });
    }

    public static boolean isEpm(String cls) {
        return EPM_MAC.equals(cls) || EPM_IP.equals(cls) || EPM_RS.equals(cls);
    }

    public static boolean isKnown(String cls) {
        return SCHEMAS.containsKey(cls) || isEpm(cls) || KNOWN_EMPTY.contains(cls);
    }
}
