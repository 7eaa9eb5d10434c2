package io.ept.status;

import io.ept.messaging.WorkQueues;
import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Checks the services EPT cannot work without: MongoDB, Redis and the JMS broker with EPT's queues. */
@ApplicationScoped
public class AppStatus {

    @Inject
    Infrastructure infrastructure;

    @Inject
    WorkQueues queues;

    /** Component name to problem description; empty when everything answers. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        check(problems, "mongodb", () -> { pingMongo(); return null; });
        check(problems, "redis", () -> { pingRedis(); return null; });
        check(problems, "jms", () -> { queues.checkQueues(); return null; });
        return problems;
    }

    public String mongoProblem() {
        return single(() -> { pingMongo(); return null; });
    }

    public String redisProblem() {
        return single(() -> { pingRedis(); return null; });
    }

    public String jmsProblem() {
        return single(() -> { queues.checkQueues(); return null; });
    }

    private void pingMongo() {
        infrastructure.database().runCommand(new Document("ping", 1));
    }

    private void pingRedis() {
        String answer = infrastructure.redis().ping();
        if (!"PONG".equalsIgnoreCase(answer)) {
            throw new IllegalStateException("unexpected answer to PING: " + answer);
        }
    }

    private static void check(Map<String, String> problems, String component, Supplier<Void> probe) {
        String problem = single(probe);
        if (problem != null) {
            problems.put(component, problem);
        }
    }

    private static String single(Supplier<Void> probe) {
        try {
            probe.get();
            return null;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            return message.length() > 300 ? message.substring(0, 300) + "..." : message;
        }
    }
}
