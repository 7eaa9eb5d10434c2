package io.ept.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP link that a test can cut: listens on a free loopback port and forwards every connection to a target, both
 * directions. {@link #cut()} closes every current connection and closes each new one as soon as it is accepted (a
 * peer that is unreachable rather than refused would need a firewall); {@link #restore()} forwards again. The cluster
 * test routes one node's MongoDB connection through it to cut that node off from the store.
 */
final class TcpLink implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-link");
        t.setDaemon(true);
        return t;
    });
    /** Both sockets of every forwarded connection, so that a cut closes them all. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpLink(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** A link to {@code targetHost:targetPort}, forwarding at once. */
    static TcpLink to(String targetHost, int targetPort) {
        try {
            return new TcpLink(targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for a link to " + targetHost + ":" + targetPort, e);
        }
    }

    /** The loopback port clients connect to instead of the target. */
    int port() {
        return listener.getLocalPort();
    }

    String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** Closes every forwarded connection and every new one until {@link #restore()}. */
    void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Forwards new connections again (those closed by the cut stay closed; clients reconnect). */
    void restore() {
        cut = false;
    }

    boolean isCut() {
        return cut;
    }

    /** Connections being forwarded now. */
    int openConnections() {
        return open.size() / 2;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(listener);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            threads.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket target = new Socket();
        try {
            target.connect(new InetSocketAddress(targetHost, targetPort), 5000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(target);
            return;
        }
        open.add(client);
        open.add(target);
        if (cut) { // cut while connecting: the cut did not see these two
            closeBoth(client, target);
            return;
        }
        threads.execute(() -> pump(client, target));
        threads.execute(() -> pump(target, client));
    }

    /** Copies one direction until either side ends, then ends the whole connection (no half-open links). */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other direction, a cut or a peer ended the connection
        } finally {
            closeBoth(from, to);
        }
    }

    private void closeBoth(Socket a, Socket b) {
        open.remove(a);
        open.remove(b);
        closeQuietly(a);
        closeQuietly(b);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is unusable either way
        }
    }
}
