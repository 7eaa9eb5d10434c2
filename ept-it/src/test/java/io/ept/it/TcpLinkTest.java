package io.ept.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TcpLink forwards both ways for many connections, a cut ends them and refuses new ones, a restore forwards again. */
class TcpLinkTest {
    private ServerSocket echoServer;
    private final ExecutorService echoThreads = Executors.newCachedThreadPool();
    private TcpLink link;

    @BeforeEach
    void startEchoServer() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThreads.execute(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket s = echoServer.accept();
                    echoThreads.execute(() -> echo(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        link = TcpLink.to("127.0.0.1", echoServer.getLocalPort());
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the test closed the connection
        }
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        echoServer.close();
        echoThreads.shutdownNow();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(link.host(), link.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(sent);
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(sent.length), StandardCharsets.UTF_8);
    }

    /** True when the connection is over: end of stream or a reset, within the socket's timeout. */
    private static boolean ended(Socket s) {
        try {
            s.getOutputStream().write('x');
            return s.getInputStream().read() < 0;
        } catch (IOException resetOrBrokenPipe) {
            return true;
        }
    }

    @Test
    void forwardsBothWaysForManyConnections() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) sockets.add(connect());
        for (int i = 0; i < sockets.size(); i++) assertEquals("hello " + i, roundTrip(sockets.get(i), "hello " + i));
        String big = "y".repeat(1_000_000);
        assertEquals(big, roundTrip(sockets.get(0), big));
        await().atMost(Duration.ofSeconds(5)).until(() -> link.openConnections() == 5);
        for (Socket s : sockets) s.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> link.openConnections() == 0);
    }

    @Test
    void cutEndsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        Socket before = connect();
        assertEquals("ping", roundTrip(before, "ping"));

        link.cut();
        assertTrue(link.isCut());
        assertTrue(ended(before), "a connection open at the cut must end");
        try (Socket during = connect()) {
            assertTrue(ended(during), "a connection made during the cut must end at once");
        }
        assertEquals(0, link.openConnections());

        link.restore();
        assertFalse(link.isCut());
        try (Socket after = connect()) {
            assertEquals("pong", roundTrip(after, "pong"));
        }
        before.close();
    }

    @Test
    void peerClosingEndsTheForwardedConnection() throws IOException {
        Socket s = connect();
        assertEquals("a", roundTrip(s, "a"));
        echoServer.close(); // no new connections; the open one stays
        assertEquals("b", roundTrip(s, "b"));
        s.shutdownOutput(); // the echo server sees the end and closes its side
        assertEquals(-1, s.getInputStream().read());
        s.close();
    }
}
