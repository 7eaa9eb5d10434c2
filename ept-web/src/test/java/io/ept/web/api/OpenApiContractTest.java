package io.ept.web.api;

import io.ept.fabric.FabricSchemas;
import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.ObjectSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API contract (META-INF/openapi.yaml, served with annotation scanning off) and the JAX-RS resources describe the
 * same API: every route is in the contract with the role it needs, every contract path is a route, and the fabric
 * and settings objects have the attributes {@link FabricSchemas} accepts and returns.
 */
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w-]*)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");

    private static Map<String, Object> contract;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            assertNotNull(in, "META-INF/openapi.yaml is not on the class path");
            contract = new Yaml(new LoaderOptions()).load(in);
        }
    }

    record ContractOperation(String method, String path, String operationId, String role) {
    }

    @SuppressWarnings("unchecked")
    static List<ContractOperation> operations() {
        List<ContractOperation> out = new ArrayList<>();
        ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> op = (Map<String, Object>) value;
                out.add(new ContractOperation(method.toUpperCase(), path, (String) op.get("operationId"),
                        (String) op.get("x-ept-role")));
            }
        }));
        return out;
    }

    /** A JAX-RS path template as a regex: {name} is one segment, {name: regex} its regex. */
    static Pattern routeRegex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = TEMPLATE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(2) == null ? "[^/]+" : "(?:" + m.group(2).trim() + ")");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    /** A concrete request path for a contract path: every {parameter} replaced by a sample value. */
    static String sample(String contractPath) {
        return contractPath.replaceAll("\\{[^}]+}", "x1");
    }

    @Test
    void everyContractOperationIsARouteWithTheSameRole() {
        List<RoleResource.Route> routes = RoleResource.routeTable();
        for (ContractOperation op : operations()) {
            List<RoleResource.Route> matching = routes.stream().filter(r -> r.method().equals(op.method())
                    && routeRegex(r.path()).matcher(sample(op.path())).matches()).toList();
            assertTrue(!matching.isEmpty(), op.method() + " " + op.path() + " (" + op.operationId() + ") is no route");
            for (RoleResource.Route route : matching) {
                assertEquals(route.role(), op.role(), "x-ept-role of " + op.operationId() + " vs " + route.path());
            }
        }
    }

    @Test
    void everyRouteIsInTheContract() {
        List<ContractOperation> operations = operations();
        List<String> missing = new ArrayList<>();
        for (RoleResource.Route route : RoleResource.routeTable()) {
            Pattern regex = routeRegex(route.path());
            boolean documented = operations.stream().anyMatch(op -> op.method().equals(route.method())
                    && regex.matcher(sample(op.path())).matches());
            if (!documented) {
                missing.add(route.method() + " " + route.path());
            }
        }
        assertEquals(List.of(), missing, "routes without an operation in META-INF/openapi.yaml");
    }

    @Test
    void operationIdsAreUniqueAndEveryOperationHasAnErrorResponse() {
        Set<String> seen = new HashSet<>();
        for (ContractOperation op : operations()) {
            assertNotNull(op.operationId(), op.method() + " " + op.path() + " has no operationId");
            assertTrue(seen.add(op.operationId()), "operationId " + op.operationId() + " used twice");
            assertTrue(Set.of("none", "user", "admin", io.ept.web.security.AcknowledgerRoute.ROLE).contains(op.role()),
                    op.operationId() + ": x-ept-role " + op.role());
        }
    }

    @Test
    void fabricAndSettingsSchemasHaveEveryAttributeTheApiAcceptsAndReturns() {
        checkSchema("Fabric", FabricSchemas.FABRIC);
        checkSchema("FabricSettings", FabricSchemas.SETTINGS);
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static void checkSchema(String name, ObjectSchema schema) {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) contract.get("components")).get("schemas");
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) schemas.get(name)).get("properties");
        Set<String> expected = schema.attributes().stream().filter(a -> !a.hidden()).map(Attribute::name)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("dn");
        assertEquals(expected, new TreeSet<>(properties.keySet()), name + " properties");
        for (Attribute attribute : schema.attributes()) {
            if (attribute.hidden()) {
                continue;
            }
            Map<String, Object> property = properties.get(attribute.name());
            assertEquals(attribute.secret(), Boolean.TRUE.equals(property.get("writeOnly")), name + "." + attribute.name() + " writeOnly");
            if (attribute.min() != null) {
                assertEquals(attribute.min(), number(property.get("minimum")), name + "." + attribute.name() + " minimum");
                assertEquals(attribute.max(), number(property.get("maximum")), name + "." + attribute.name() + " maximum");
            }
            if (property.containsKey("default")) { // the contract repeats the declared defaults: they must agree
                assertEquals(String.valueOf(attribute.defaultValue()), String.valueOf(property.get("default")),
                        name + "." + attribute.name() + " default");
            }
            boolean readOnly = Boolean.TRUE.equals(property.get("readOnly"));
            // the fabric name is set on create only: writable in the request, so not readOnly in the contract
            if (!"fabric".equals(attribute.name()) || !"Fabric".equals(name)) {
                assertEquals(attribute.readOnly(), readOnly, name + "." + attribute.name() + " readOnly");
            }
        }
    }
}
