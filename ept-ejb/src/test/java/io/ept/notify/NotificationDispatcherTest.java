package io.ept.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ept.analysis.model.Settings;
import io.ept.analysis.notify.Notification;
import io.ept.analysis.notify.NotifyType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real UDP/TCP syslog listeners and a GreenMail SMTP server on free loopback ports. */
class NotificationDispatcherTest {
    static final Notification STALE = new Notification(NotifyType.STALE, "stale event for 10.1.1.1",
            "stale event [fabric: fab1, vnid:1, addr: 10.1.1.1]", true, true);

    @Test
    void syslogOverUdpInBsdFormat() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(5000);
            Settings s = Settings.builder().syslogServer("127.0.0.1").syslogPort(listener.getLocalPort()).build();
            NotificationDispatcher d = new NotificationDispatcher(f -> s,
                    new SyslogSender(SyslogSender.Protocol.UDP, SyslogSender.Format.BSD), new EmailSender());
            d.enqueue("fab1", new Notification(NotifyType.STALE, STALE.subject(), STALE.body(), false, true));
            d.flush();
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            listener.receive(p);
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            assertTrue(msg.startsWith("<190>"), msg);
            assertTrue(msg.endsWith(" %LOG_LOCAL7-6-EPT: " + STALE.body()), msg);
        }
    }

    @Test
    void syslogOverTcpInRfc5424FormatAndTestMessage() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept(); BufferedReader r = new BufferedReader(
                        new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                    return r.readLine();
                } catch (Exception e) {
                    return e.toString();
                }
            });
            Settings s = Settings.builder().syslogServer("127.0.0.1").syslogPort(listener.getLocalPort()).build();
            NotificationDispatcher d = new NotificationDispatcher(f -> s,
                    new SyslogSender(SyslogSender.Protocol.TCP, SyslogSender.Format.RFC5424), new EmailSender());
            assertTrue(d.sendTestSyslog("fab1").success());
            String frame = received.get(5, TimeUnit.SECONDS);
            // octet counting: "<len> <190>1 <timestamp> <host> ept - - - %LOG_LOCAL7-6-EPT: fab1 test syslog"
            String msg = frame.substring(frame.indexOf(' ') + 1);
            assertEquals(Integer.parseInt(frame.substring(0, frame.indexOf(' '))),
                    msg.getBytes(StandardCharsets.UTF_8).length);
            assertTrue(msg.startsWith("<190>1 "), msg);
            assertTrue(msg.endsWith(" ept - - - %LOG_LOCAL7-6-EPT: fab1 test syslog"), msg);
        }
        NotificationDispatcher unconfigured = new NotificationDispatcher(f -> Settings.defaults(),
                new SyslogSender(SyslogSender.Protocol.UDP, SyslogSender.Format.BSD), new EmailSender());
        assertFalse(unconfigured.sendTestSyslog("fab1").success());
        assertFalse(unconfigured.sendTestEmail("fab1").success());
    }

    @Test
    void emailThroughRelayWithoutAuthentication() throws Exception {
        GreenMail mail = mailServer(ServerSetup.PROTOCOL_SMTP);
        mail.start();
        try {
            Settings s = Settings.builder().emailAddress("ops@example.com").smtpType("relay")
                    .smtpRelayServer("127.0.0.1").smtpServerPort(mail.getSmtp().getPort()).build();
            NotificationDispatcher d = new NotificationDispatcher(f -> s,
                    new SyslogSender(SyslogSender.Protocol.UDP, SyslogSender.Format.BSD), new EmailSender());
            d.enqueue("fab1", STALE);
            d.enqueue("fab1", STALE);
            d.flush();
            assertTrue(mail.waitForIncomingEmail(5000, 2));
            MimeMessage m = mail.getReceivedMessages()[0];
            assertEquals("stale event for 10.1.1.1", m.getSubject());
            assertEquals(EmailSender.DEFAULT_SENDER, m.getFrom()[0].toString());
            assertTrue(d.sendTestEmail("fab1").success());
            assertTrue(mail.waitForIncomingEmail(5000, 3));
            assertEquals("fab1 test email", mail.getReceivedMessages()[2].getSubject());
        } finally {
            mail.stop();
        }
    }

    @Test
    void credentialsAreNeverSentWithoutTls() throws Exception {
        GreenMail mail = mailServer(ServerSetup.PROTOCOL_SMTP);
        mail.setUser("relay@example.com", "relay@example.com", "secret");
        mail.start();
        try {
            Settings s = Settings.builder().emailAddress("ops@example.com").smtpType("relay")
                    .smtpRelayServer("127.0.0.1").smtpServerPort(mail.getSmtp().getPort())
                    .smtpRelayAuthenticate(true).smtpRelayUsername("relay@example.com").smtpRelayPassword("secret")
                    .build();
            NotificationDispatcher d = new NotificationDispatcher(f -> s,
                    new SyslogSender(SyslogSender.Protocol.UDP, SyslogSender.Format.BSD), new EmailSender());
            NotificationDispatcher.TestResult r = d.sendTestEmail("fab1");
            assertFalse(r.success(), "a plain-text relay must not get the password");
            assertTrue(r.error().contains("clear text") && r.error().contains("STARTTLS"), r.error());
            assertEquals(0, mail.getReceivedMessages().length);
        } finally {
            mail.stop();
        }
    }

    @Test
    void emailThroughRelayWithAuthentication() throws Exception {
        GreenMail mail = mailServer(ServerSetup.PROTOCOL_SMTPS);
        mail.setUser("relay@example.com", "relay@example.com", "secret");
        mail.start();
        try {
            int port = mail.getSmtps().getPort();
            Settings s = Settings.builder().emailAddress("ops@example.com").smtpType("relay")
                    .smtpRelayServer("127.0.0.1").smtpServerPort(port)
                    .smtpRelayAuthenticate(true).smtpRelayUsername("relay@example.com").smtpRelayPassword("secret")
                    .build();
            NotificationDispatcher d = new NotificationDispatcher(f -> s,
                    new SyslogSender(SyslogSender.Protocol.UDP, SyslogSender.Format.BSD), new EmailSender(java.util.Set.of(port)));
            NotificationDispatcher.TestResult r = d.sendTestEmail("fab1");
            assertTrue(r.success(), r.error());
            assertTrue(mail.waitForIncomingEmail(5000, 1));
            assertEquals("relay@example.com", mail.getReceivedMessages()[0].getFrom()[0].toString());

            Settings wrong = s.toBuilder().smtpRelayPassword("wrong").build();
            NotificationDispatcher.TestResult failed = new NotificationDispatcher(f -> wrong,
                    new SyslogSender(SyslogSender.Protocol.UDP, SyslogSender.Format.BSD), new EmailSender(java.util.Set.of(port)))
                    .sendTestEmail("fab1");
            assertFalse(failed.success());
        } finally {
            mail.stop();
        }
    }

    /** GreenMail on a free loopback port, given time to start (its 2 s default is too short for SMTPS under load). */
    private static GreenMail mailServer(String protocol) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000);
        return new GreenMail(setup);
    }
}
