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
 * (optionally authenticated), "direct" to the recipient domain's mail exchanger. STARTTLS is attempted and not
 * required, as in the original. One SMTP session per batch.
 */
public final class EmailSender {
    public static final String DEFAULT_SENDER = "noreply@aci.app";
    private static final String TIMEOUT_MILLIS = "30000";

    private final MxResolver mx = new MxResolver();

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
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(relay ? s.smtpServerPort() : 25));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "false");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.auth", Boolean.toString(auth));
        Session session = Session.getInstance(p, auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.smtpRelayUsername(), s.smtpRelayPassword());
            }
        } : null);
        String sender = auth && s.smtpRelayUsername().contains("@") ? s.smtpRelayUsername() : DEFAULT_SENDER;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
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
