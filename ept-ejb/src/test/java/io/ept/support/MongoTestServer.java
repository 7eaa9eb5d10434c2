package io.ept.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A MongoDB-wire-protocol server in memory, reached over a socket like EPT's embedded server. */
public final class MongoTestServer implements AutoCloseable {
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;

    public MongoTestServer() {
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    public MongoDatabase database() {
        return client.getDatabase("ept");
    }

    /** EPT's storage access over this server's database (no Redis): for beans that only read and write MongoDB. */
    public io.ept.platform.Infrastructure infrastructure() {
        return new io.ept.platform.Infrastructure() {
            @Override
            public MongoDatabase database() {
                return MongoTestServer.this.database();
            }
        };
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
