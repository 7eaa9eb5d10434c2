package io.ept.platform;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A MongoDB-wire-protocol server with on-disk (H2) storage, started when no external MongoDB is configured so a
 * single command runs EPT. Its unique indexes are the fast ones of {@link EmbeddedH2Backend}. Production deployments point {@code EPT_MONGO_URI} at a real MongoDB; EPT only uses
 * operations both support (no transactions, no change streams).
 */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class.getName());

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    /**
     * @param cacheMegabytes       H2 page cache (decoded pages kept in the heap); 0: an eighth of the maximum heap
     * @param commitBufferMegabytes unsaved changes kept in memory before H2 writes them (a page changed many times
     *                              within that window is encoded and written once)
     */
    static EmbeddedMongo start(Path dataDir, int port, int cacheMegabytes, int commitBufferMegabytes) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("ept-mongo.mv");
        int cache = cacheMegabytes > 0 ? cacheMegabytes
                : (int) Math.max(16, Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024));
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cache)
                .autoCommitBufferSize(Math.max(1, commitBufferMegabytes) * 1024).open();
        MongoServer server = new MongoServer(new EmbeddedH2Backend(store));
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        LOG.info(() -> "embedded MongoDB-protocol server (mongo-java-server, H2 file " + file + ", cache " + cache
                + " MB) listening on " + uri);
        return new EmbeddedMongo(server, uri);
    }

    String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
