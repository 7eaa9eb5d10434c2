package io.ept.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A MongoDB-wire-protocol server with on-disk (H2) storage, started when no external MongoDB is configured so a
 * single command runs EPT. Production deployments point {@code EPT_MONGO_URI} at a real MongoDB; EPT only uses
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

    static EmbeddedMongo start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("ept-mongo.mv");
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        LOG.info(() -> "embedded MongoDB-protocol server (mongo-java-server, H2 file " + file + ") listening on " + uri);
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
