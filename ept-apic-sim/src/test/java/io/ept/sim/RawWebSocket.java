package io.ept.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A websocket opened by hand over a plain socket, so a test controls how it ends: a TCP reset, or the death of a
 * whole process (run as a main in a child JVM that the test kills with SIGKILL).
 */
final class RawWebSocket implements AutoCloseable {
    final Socket socket;

    private RawWebSocket(Socket socket) { this.socket = socket; }

    /** Performs the HTTP upgrade to ws://host:port/socket&lt;token&gt;; fails unless the server answers 101. */
    static RawWebSocket open(String host, int port, String token) throws IOException {
        Socket s = new Socket(host, port);
        s.setSoTimeout(5000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET /socket" + token + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        String head = readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("websocket upgrade refused: " + head);
        }
        return new RawWebSocket(s);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed during the upgrade: " + head);
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    int localPort() { return socket.getLocalPort(); }

    /** Ends the connection with a TCP reset (no close frame, no FIN). */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override public void close() throws IOException { socket.close(); }

    /** Child JVM: opens the socket, prints its local port, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        RawWebSocket ws = open(args[0], Integer.parseInt(args[1]), args[2]);
        System.out.println(ws.localPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
