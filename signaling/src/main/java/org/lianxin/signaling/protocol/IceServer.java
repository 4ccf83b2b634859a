package org.lianxin.signaling.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a browser's {@code RTCConfiguration.iceServers}: a TURN server's URLs with the time-limited
 * credentials the server issued for this participant (the TURN REST way; never a static password).
 *
 * @param urls       {@code turn:}/{@code turns:} URLs, at least one
 * @param username   {@code expiry:participantId}
 * @param credential base64(HMAC-SHA1(secret, username))
 */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credential, "credential");
    }

    @Override
    public String toString() { // the credential is a password for as long as it lives: never in a log
        return "IceServer[urls=" + urls + ", username=" + username + ", credential=***]";
    }
}
