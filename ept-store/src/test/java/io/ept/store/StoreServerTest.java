package io.ept.store;

import org.awaitility.Awaitility;

import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreServerTest {

    private static final Pattern LISTENING = Pattern.compile("listening on mongodb://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void dataWrittenThroughTheDriverSurvivesARestartOverTheSameDirectory() throws Exception {
        try (StoreServer server = StoreServer.start(dir, "127.0.0.1", 0, 16, 4)) {
            assertTrue(server.address().getPort() > 0);
            try (MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> c = client.getDatabase("ept").getCollection("ept.endpoints");
                c.insertMany(IntStream.range(0, 500).mapToObj(i -> new Document("_id", "ep-" + i).append("n", i)).toList());
                c.updateOne(eq("_id", "ep-7"), new Document("$set", new Document("moved", true)));
            }
        }
        assertTrue(Files.size(dir.resolve(StoreServer.FILE_NAME)) > 0);
        try (StoreServer again = StoreServer.start(dir, "127.0.0.1", 0, 16, 4);
             MongoClient client = MongoClients.create(again.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("ept").getCollection("ept.endpoints");
            assertEquals(500, c.countDocuments());
            assertEquals(Boolean.TRUE, c.find(eq("_id", "ep-7")).first().getBoolean("moved"));
        }
    }

    /**
     * What a caller wrote before {@link StoreServer#awaitWritten} returned is in the file, as a killed process would
     * leave it: a copy of the file taken then, opened by another server, holds it. Callers on several threads share
     * commits.
     */
    @Test
    void changesAwaitedByConcurrentCallersAreInTheFileWhenTheyReturn() throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        try (StoreServer server = StoreServer.start(dir.resolve("live"), "127.0.0.1", 0, 16, 64);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("ept").getCollection("ept.history");
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                Thread w = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        c.insertOne(new Document("_id", writer + "-" + i));
                        server.awaitWritten();
                    }
                });
                w.start();
                writers.add(w);
            }
            for (Thread w : writers) {
                w.join(TimeUnit.SECONDS.toMillis(60));
            }
            // copied while the server runs and holds a 64 MB commit buffer: only what it wrote is in the copy
            Files.copy(dir.resolve("live").resolve(StoreServer.FILE_NAME), copy.resolve(StoreServer.FILE_NAME));
        }
        try (StoreServer reopened = StoreServer.start(copy, "127.0.0.1", 0, 16, 4);
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            assertEquals(200, client.getDatabase("ept").getCollection("ept.history").countDocuments());
        }
    }

    /** The standalone process: SIGTERM (Process.destroy) runs the shutdown hook, which writes everything. */
    @Test
    void theProcessWritesEveryAcknowledgedChangeOnSigterm() throws Exception {
        Path logFile = dir.resolve("store.log");
        Path data = dir.resolve("data");
        Process store = launch(logFile, "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(), "--commit-buffer-mb", "64");
        try {
            int port = awaitPort(store, logFile);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                // signalled right after the acknowledgement, before H2's once-a-second background commit
                client.getDatabase("ept").getCollection("cluster_nodes").insertOne(new Document("_id", "node-0").append("roles", List.of("web")));
            }
            store.destroy();
            assertTrue(store.waitFor(30, TimeUnit.SECONDS), "the store did not stop on SIGTERM");
            String log = Files.readString(logFile);
            assertEquals(143, store.exitValue(), log);
            assertTrue(log.contains("stopped, every change written"), log);
        } finally {
            store.destroyForcibly();
        }
        try (StoreServer again = StoreServer.start(data, "127.0.0.1", 0, 16, 4);
             MongoClient client = MongoClients.create(again.connectionString())) {
            Document node = client.getDatabase("ept").getCollection("cluster_nodes").find(eq("_id", "node-0")).first();
            assertNotNull(node, "the document acknowledged before SIGTERM was lost");
            assertEquals(List.of("web"), node.getList("roles", String.class));
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class,
                    () -> StoreServer.start(dir, "127.0.0.1", taken.getLocalPort(), 16, 4));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertEquals("--data-dir is required", refused("--port", "27117"));
        assertEquals("--port must be a whole number, not 'x'", refused("--data-dir", dir.toString(), "--port", "x"));
        assertEquals("--port must be between 0 and 65535, not 70000", refused("--data-dir", dir.toString(), "--port", "70000"));
        assertEquals("--port needs a value", refused("--data-dir", dir.toString(), "--port"));
        assertEquals("--host needs a value", refused("--host", "--data-dir", dir.toString()));
        assertEquals("unknown option --bogus", refused("--data-dir", dir.toString(), "--bogus", "1"));
        assertEquals("unexpected argument 'stray'", refused("stray", "--data-dir", dir.toString()));
        assertEquals("--commit-buffer-mb must be between 1 and 1024, not 0",
                refused("--data-dir", dir.toString(), "--commit-buffer-mb", "0"));

        StoreServer.Options o = StoreServer.Options.parse("--data-dir", dir.toString(), "--port", "27117", "--commit-buffer-mb", "8");
        assertEquals(new StoreServer.Options("127.0.0.1", 27117, dir, 0, 8), o);
    }

    @Test
    void theProcessExitsWithUsageOnBadArguments() throws Exception {
        Path logFile = dir.resolve("store.log");
        Process p = launch(logFile, "--port", "nope", "--data-dir", dir.toString());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = Files.readString(logFile);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("ept-store: --port must be a whole number, not 'nope'") && out.contains("usage:"), out);
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> StoreServer.Options.parse(args)).getMessage();
    }

    private static Process launch(Path logFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StoreServer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    /** Reads the log until the server names its port (or fails at once if the server exits). */
    private static int awaitPort(Process store, Path logFile) {
        Matcher listening = Awaitility.await("the store names its port").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!store.isAlive()) {
                        throw new AssertionError("the store exited:\n" + Files.readString(logFile));
                    }
                    return LISTENING.matcher(Files.exists(logFile) ? Files.readString(logFile) : "");
                }, Matcher::find);
        return Integer.parseInt(listening.group(1));
    }
}
