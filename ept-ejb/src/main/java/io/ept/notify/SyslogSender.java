package io.ept.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Sends syslog messages with facility LOCAL7 and severity info (PRI 190) like the original, in BSD (RFC 3164) or
 * RFC 5424 format, over UDP (one datagram per message) or TCP (octet-counting framing, RFC 6587).
 */
public final class SyslogSender {
    public enum Protocol { UDP, TCP }

    public enum Format { BSD, RFC5424 }

    /** facility local7 (23) * 8 + severity info (6). */
    static final int PRI = 23 * 8 + 6;
    private static final DateTimeFormatter BSD_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final int TIMEOUT_MILLIS = 5000;

    private final Protocol protocol;
    private final Format format;
    private final String hostname;

    public SyslogSender(Protocol protocol, Format format) {
        this.protocol = protocol;
        this.format = format;
        this.hostname = localHostname();
    }

    /** Sends every text (already "%LOG_LOCAL7-6-EPT: ..." lines) to server:port in one connection. */
    public void send(String server, int port, List<String> texts) throws IOException {
        if (protocol == Protocol.UDP) {
            try (DatagramSocket socket = new DatagramSocket()) {
                InetAddress address = InetAddress.getByName(server);
                for (String text : texts) {
                    byte[] data = frame(text, ZonedDateTime.now(ZoneOffset.UTC)).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(data, data.length, address, port));
                }
            }
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            for (String text : texts) {
                byte[] data = frame(text, ZonedDateTime.now(ZoneOffset.UTC)).getBytes(StandardCharsets.UTF_8);
                out.write((data.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(data);
            }
            out.flush();
        }
    }

    /** The syslog message for {@code text} at {@code time}. */
    String frame(String text, ZonedDateTime time) {
        if (format == Format.BSD) {
            return "<" + PRI + ">" + BSD_TIME.format(time) + " " + hostname + " " + text;
        }
        return "<" + PRI + ">1 " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) + " " + hostname
                + " ept - - - " + text;
    }

    private static String localHostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "-" : name.replace(' ', '_');
        } catch (IOException e) {
            return "-";
        }
    }
}
