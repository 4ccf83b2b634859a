package org.lianxin.notification;

/**
 * A channel could not send a notice (server down, refused, timed out): the dispatcher retries it later. The message is
 * kept as the notice's last error and shown to administrators, so it must not hold an address or a password.
 */
public class DeliveryFailure extends Exception {
    public DeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryFailure(String message) {
        super(message);
    }
}
