package io.ept.notify;

import io.ept.analysis.model.Settings;
import io.ept.analysis.notify.Notification;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.naming.NamingException;
import java.util.List;
import java.util.Properties;

/**
 * Notification email with Jakarta Mail: smtp_type "relay" sends through smtp_relay_server:smtp_server_port
 * (optionally authenticated), "direct" to the recipient domain's mail exchanger. One SMTP session per batch.
 * Without credentials STARTTLS is attempted and not required, as in the original. With credentials the password
 * never travels in clear text: port 465 is SMTPS (TLS from the first byte), any other port must offer STARTTLS,
 * otherwise the send fails with a clear error before the login.
 */
public final class EmailSender {
    public static final String DEFAULT_SENDER = "noreply@aci.app";
    private static final String TIMEOUT_MILLIS = "30000";

    private final MxResolver mx = new MxResolver();
    private final java.util.Set<Integer> smtpsPorts;

    public EmailSender() {
        this(java.util.Set.of(465));
    }

    /** {@code smtpsPorts}: relay ports spoken with implicit TLS (SMTPS); 465 in production. */
    public EmailSender(java.util.Set<Integer> smtpsPorts) {
        this.smtpsPorts = smtpsPorts;
    }

    public void send(Settings s, List<Notification> batch) throws MessagingException, NamingException {
        String recipient = s.emailAddress();
        if (recipient == null || recipient.isBlank()) {
            throw new MessagingException("no email_address configured");
        }
        boolean relay = "relay".equals(s.smtpType());
        boolean auth = relay && s.smtpRelayAuthenticate();
        Properties p = new Properties();
        String host = relay ? s.smtpRelayServer() : mx.mailExchanger(recipient.substring(recipient.indexOf('@') + 1));
        if (host == null || host.isBlank()) {
            throw new MessagingException("no smtp_relay_server configured");
        }
        int port = relay ? s.smtpServerPort() : 25;
        boolean smtps = auth && smtpsPorts.contains(port);
        String protocol = smtps ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", host);
        p.put(prefix + "port", Integer.toString(port));
        p.put(prefix + "starttls.enable", "true");
        // credentials only over TLS: STARTTLS is required unless the connection is TLS already (SMTPS)
        p.put(prefix + "starttls.required", Boolean.toString(auth && !smtps));
        p.put(prefix + "ssl.checkserveridentity", "false");
        p.put(prefix + "ssl.trust", "*");
        p.put(prefix + "connectiontimeout", TIMEOUT_MILLIS);
        p.put(prefix + "timeout", TIMEOUT_MILLIS);
        p.put(prefix + "auth", Boolean.toString(auth));
        Session session = Session.getInstance(p, auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.smtpRelayUsername(), s.smtpRelayPassword());
            }
        } : null);
        String sender = auth && s.smtpRelayUsername().contains("@") ? s.smtpRelayUsername() : DEFAULT_SENDER;
        try (Transport transport = session.getTransport(protocol)) {
            try {
                transport.connect();
            } catch (MessagingException e) {
                if (auth && !smtps && String.valueOf(e.getMessage()).contains("STARTTLS")) {
                    throw new MessagingException("refusing to send the SMTP relay password in clear text: " + host + ":"
                            + port + " does not offer STARTTLS (use a relay with STARTTLS, or SMTPS on port 465)", e);
                }
                throw e;
            }
            for (Notification n : batch) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(sender));
                message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient));
                message.setSubject(n.subject());
                message.setText(n.body());
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
    }
}
