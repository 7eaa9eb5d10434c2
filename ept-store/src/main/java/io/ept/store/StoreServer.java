package io.ept.store;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The MongoDB-wire-protocol server over one H2 MVStore file ({@value #FILE_NAME} in the data directory), with
 * EPT's fast indexes ({@link EmbeddedH2Backend}). ept-ejb embeds it in the WildFly JVM when no MongoDB is configured;
 * {@link #main} runs it as its own process, shared by the nodes of {@code ./ept cluster}. EPT only uses operations
 * both this server and a real MongoDB support (no transactions, no change streams).
 *
 * <p>{@link #close} stops accepting clients, lets the event loops finish, then closes the MVStore, which writes
 * every change it still holds; acknowledged writes survive a SIGTERM. A SIGKILL loses the changes not yet written
 * (at most the commit buffer, about a second of writes), except those a caller in the same JVM awaited with
 * {@link #awaitWritten}.
 */
public final class StoreServer implements AutoCloseable {

    public static final String FILE_NAME = "ept-mongo.mv";
    private static final Logger LOG = Logger.getLogger(StoreServer.class.getName());

    private final MongoServer server;
    private final MVStore store;
    private final InetSocketAddress address;
    private final java.util.concurrent.atomic.AtomicLong writesAwaited = new java.util.concurrent.atomic.AtomicLong();
    private final Object commitLock = new Object();
    private long writtenUpTo; // guarded by commitLock

    private StoreServer(MongoServer server, MVStore store, InetSocketAddress address) {
        this.server = server;
        this.store = store;
        this.address = address;
    }

    /**
     * @param port                  0: any free port
     * @param cacheMegabytes        H2 page cache (decoded pages kept in the heap); 0: an eighth of the maximum heap
     * @param commitBufferMegabytes unsaved changes kept in memory before H2 writes them (a page changed many times
     *                              within that window is encoded and written once)
     */
    public static StoreServer start(Path dataDir, String host, int port, int cacheMegabytes, int commitBufferMegabytes)
            throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        int cache = cacheMegabytes > 0 ? cacheMegabytes
                : (int) Math.max(16, Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024));
        MVStore store = open(file, cache, commitBufferMegabytes);
        MongoServer server = new MongoServer(new EmbeddedH2Backend(store));
        try {
            server.bind(host, port);
        } catch (Exception e) {
            // Netty's BindException arrives undeclared; bind() shuts the server (and the MVStore) down itself when it fails
            throw new IOException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        InetSocketAddress address = server.getLocalAddress();
        LOG.info(() -> "MongoDB-protocol server (mongo-java-server, H2 file " + file + ", cache " + cache
                + " MB, commit buffer " + Math.max(1, commitBufferMegabytes) + " MB) listening on "
                + connectionString(address));
        return new StoreServer(server, store, address);
    }

    /** The MVStore of {@code file} over a {@link ReusedWriteBufferStore}, which it closes with itself. */
    static MVStore open(Path file, int cacheMegabytes, int commitBufferMegabytes) {
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        config.put("cacheSize", cacheMegabytes);
        ReusedWriteBufferStore fileStore = new ReusedWriteBufferStore(config);
        fileStore.open(file.toString(), false, (char[]) null);
        try {
            return new MVStore.Builder().adoptFileStore(fileStore)
                    .autoCommitBufferSize(Math.max(1, commitBufferMegabytes) * 1024).open();
        } catch (RuntimeException e) {
            try {
                fileStore.close(); // not opened, or already closed by the store's own panic handling
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public String connectionString() {
        return connectionString(address);
    }

    private static String connectionString(InetSocketAddress address) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /**
     * Returns once every change made before the call is in the file (H2 writes on its own within about a second).
     * Group commit: callers that arrive while a commit runs share the next one, so the commit rate follows the
     * load instead of the number of callers.
     */
    public void awaitWritten() {
        long ticket = writesAwaited.incrementAndGet();
        synchronized (commitLock) {
            if (writtenUpTo >= ticket) {
                return; // a commit that started after this call's changes has written them
            }
            long upTo = writesAwaited.get();
            store.commit();
            writtenUpTo = upTo;
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** The command line of the standalone server; {@link #parse} refuses anything else with a clear message. */
    record Options(String host, int port, Path dataDir, int cacheMegabytes, int commitBufferMegabytes) {
        static final String USAGE = "usage: java -jar ept-store.jar --data-dir DIR [--host 127.0.0.1] [--port 27017]"
                + " [--commit-buffer-mb 16] [--cache-mb 0 (an eighth of the heap)]";

        static Options parse(String... args) {
            String host = "127.0.0.1";
            int port = 27017;
            Path dataDir = null;
            int cache = 0;
            int commitBuffer = 16;
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (option.equals("--help") || option.equals("-h")) {
                    throw new IllegalArgumentException(USAGE);
                }
                if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                    throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                            : "unexpected argument '" + option + "'");
                }
                String value = rest.remove(0);
                switch (option) {
                    case "--host" -> host = value;
                    case "--port" -> port = number(option, value, 0, 65535);
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--cache-mb" -> cache = number(option, value, 0, 1 << 20);
                    case "--commit-buffer-mb" -> commitBuffer = number(option, value, 1, 1024);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
                throw new IllegalArgumentException("--data-dir " + dataDir + " is not a directory");
            }
            return new Options(host, port, dataDir, cache, commitBuffer);
        }

        private static int number(String option, String value, int min, int max) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, not '" + value + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        }
    }

    /** Runs until SIGTERM/SIGINT; the shutdown hook closes the server and its MVStore. Exit code 2: bad arguments. */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ept-store: " + e.getMessage());
            if (!e.getMessage().equals(Options.USAGE)) {
                System.err.println(Options.USAGE);
            }
            System.exit(2);
            return;
        }
        StoreServer server;
        try {
            server = start(options.dataDir(), options.host(), options.port(), options.cacheMegabytes(),
                    options.commitBufferMegabytes());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("ept-store: " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // JUL is reset by its own shutdown hook: these lines go to stderr directly
            System.err.println("ept-store: stopping, closing the server and the H2 store");
            server.close();
            System.err.println("ept-store: stopped, every change written");
            closed.countDown();
        }, "ept-store-shutdown"));
        // the event loops keep the JVM alive; main only waits so the process's life is plain to see
        closed.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
