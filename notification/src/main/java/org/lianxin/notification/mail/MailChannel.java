package org.lianxin.notification.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Delivery;
import org.lianxin.notification.DeliveryFailure;
import org.lianxin.notification.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Notices by e-mail through Spring's {@code JavaMailSender}: one message per notice to every addressee with an
 * address (the others are skipped, and logged by user name), subject and body in UTF-8 so Chinese arrives intact.
 * The only class of the project that speaks SMTP.
 */
public final class MailChannel implements NotificationChannel {
    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

    private final MailSettings settings;
    private final JavaMailSenderImpl sender;

    public MailChannel(MailSettings settings) {
        this.settings = settings;
        this.sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean ssl = settings.security() == MailSettings.Security.SSL;
        sender.setProtocol(ssl ? "smtps" : "smtp");
        if (settings.username() != null && !settings.username().isBlank()) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.password());
        }
        String p = "mail." + (ssl ? "smtps" : "smtp") + ".";
        Properties props = new Properties();
        String millis = Long.toString(settings.timeout().toMillis());
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        props.setProperty(p + "auth", Boolean.toString(settings.username() != null && !settings.username().isBlank()));
        if (settings.security() == MailSettings.Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (settings.security() != MailSettings.Security.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        props.setProperty("mail.mime.charset", StandardCharsets.UTF_8.name());
        sender.setJavaMailProperties(props);
    }

    @Override
    public String describe() {
        return "mail " + settings.host() + ":" + settings.port() + " (" + settings.security() + ")";
    }

    @Override
    public void send(Delivery delivery) throws DeliveryFailure {
        List<InternetAddress> to = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Addressee a : delivery.to()) {
            InternetAddress address = address(a);
            if (address == null) {
                skipped.add(a.username());
            } else {
                to.add(address);
            }
        }
        if (!skipped.isEmpty()) {
            log.info("notice {} {}: no usable e-mail address for users {}; they are skipped", delivery.id(),
                    delivery.kind(), skipped);
        }
        if (to.isEmpty()) {
            log.warn("notice {} {} to {}: nobody with an e-mail address; not sent", delivery.id(), delivery.kind(),
                    delivery.recipient().encode());
            return;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(settings.from(), settings.fromName(), StandardCharsets.UTF_8.name()));
            helper.setTo(to.toArray(new InternetAddress[0]));
            helper.setSubject(delivery.subject());
            helper.setText(delivery.body(), false);
            message.setHeader("X-Lianxin-Notice", Long.toString(delivery.id()));
            message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies to a notice
            sender.send(message);
        } catch (MailAuthenticationException e) {
            throw new DeliveryFailure("SMTP authentication failed at " + where(), e);
        } catch (MailSendException e) {
            throw new DeliveryFailure("SMTP send failed at " + where() + ": " + rootCause(e), e);
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            throw new DeliveryFailure("e-mail failed at " + where() + ": " + rootCause(e), e);
        }
        log.info("notice {} {} to {}: e-mailed to users {}", delivery.id(), delivery.kind(),
                delivery.recipient().encode(), delivery.usernames().stream().filter(u -> !skipped.contains(u)).toList());
    }

    private static InternetAddress address(Addressee a) {
        if (!a.hasEmail()) {
            return null;
        }
        try {
            InternetAddress address = new InternetAddress(a.email(), a.displayName(), StandardCharsets.UTF_8.name());
            address.validate();
            return address;
        } catch (AddressException | UnsupportedEncodingException e) {
            return null;
        }
    }

    private String where() {
        return settings.host() + ":" + settings.port();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
