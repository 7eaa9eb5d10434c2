package io.ept.bench.soak;

import io.ept.bench.client.EptClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A user reading EPT's API all through the soak: status, endpoints, history, moves, pipeline counters in turn.
 * Counts HTTP 500s (an answer that is EPT's fault); a server that does not answer (killed JVM) or answers 503 (a
 * dependency down, by design) is not a 500.
 */
final class ApiReader implements Runnable {

    private final Supplier<EptClient> ept;
    private final String fabric;
    private final Supplier<String> password;
    private volatile boolean running = true;
    private long requests;
    private long errors500;
    private final List<String> examples = new ArrayList<>();

    ApiReader(Supplier<EptClient> ept, String fabric, Supplier<String> password) {
        this.ept = ept;
        this.fabric = fabric;
        this.password = password;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        String inFabric = "eq(\"fabric\",\"" + fabric + "\")";
        List<Map.Entry<String, Map<String, String>>> reads = List.of(
                Map.entry("/app-status", Map.of()),
                Map.entry("/uni/fb-" + fabric + "/status", Map.of()),
                Map.entry("/ept/endpoint", Map.of("filter", inFabric, "page-size", "50")),
                Map.entry("/ept/history", Map.of("filter", inFabric, "page-size", "50")),
                Map.entry("/ept/move", Map.of("filter", inFabric, "page-size", "20")),
                Map.entry("/app-status/manager", Map.of()),
                Map.entry("/app-status/dead-letter", Map.of()));
        int i = 0;
        while (running) {
            var read = reads.get(i++ % reads.size());
            try {
                EptClient client = ept.get();
                EptClient.Response r = client.get(read.getKey(), read.getValue());
                if (r.status() == 401) {
                    client.login(password.get());
                    r = client.get(read.getKey(), read.getValue());
                }
                synchronized (this) {
                    requests++;
                    if (r.status() == 500) {
                        errors500++;
                        if (examples.size() < 5) {
                            examples.add(read.getKey() + ": " + (r.body().length() > 200 ? r.body().substring(0, 200) : r.body()));
                        }
                    }
                }
            } catch (Exception e) {
                // no answer (the JVM is down or restarting): not an HTTP status
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long errors500() {
        return errors500;
    }

    synchronized List<String> examples() {
        return List.copyOf(examples);
    }
}
