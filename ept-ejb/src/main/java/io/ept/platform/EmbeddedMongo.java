package io.ept.platform;

import io.ept.store.StoreServer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The MongoDB-wire-protocol server (ept-store's {@link StoreServer}, H2 on disk) started in the WildFly JVM when no
 * external MongoDB is configured, so a single command runs EPT. Production deployments point {@code EPT_MONGO_URI}
 * at a real MongoDB; {@code ./ept cluster} at ept-store.jar running as its own process.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final StoreServer server;

    private EmbeddedMongo(StoreServer server) {
        this.server = server;
    }

    /** See {@link StoreServer#start} for the cache and the commit buffer. */
    static EmbeddedMongo start(Path dataDir, int port, int cacheMegabytes, int commitBufferMegabytes) throws IOException {
        return new EmbeddedMongo(StoreServer.start(dataDir, "127.0.0.1", port, cacheMegabytes, commitBufferMegabytes));
    }

    String connectionString() {
        return server.connectionString();
    }

    /** See {@link StoreServer#awaitWritten}. */
    void awaitWritten() {
        server.awaitWritten();
    }

    @Override
    public void close() {
        server.close();
    }
}
