package org.lianxin.signaling.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lianxin.signaling.protocol.IceServer;

/**
 * Time-limited TURN credentials, the TURN REST way coturn checks with {@code use-auth-secret}
 * (draft-uberti-behave-turn-rest): {@code username = expiry:participantId} (expiry in Unix seconds),
 * {@code password = base64(HMAC-SHA1(secret, username))}. A credential lives {@link TurnSettings#ttl()} at most and
 * never longer than the join token it came with ({@code notAfter}). The secret never leaves this class.
 *
 * <p>{@link #none()} hands out nothing: without TURN the browser reaches the media node directly, as before.
 * Thread-safe.
 */
public final class TurnCredentials {

    private static final String HMAC = "HmacSHA1";
    /** The shortest credential worth handing out: less would expire before ICE finished. */
    static final Duration MIN_LIFE = Duration.ofSeconds(30);

    private final TurnSettings settings;
    private final Clock clock;
    private final SecretKeySpec key;

    public TurnCredentials(TurnSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), HMAC);
    }

    private TurnCredentials() {
        this.settings = null;
        this.clock = null;
        this.key = null;
    }

    /** No TURN: every participant gets an empty list. */
    public static TurnCredentials none() {
        return new TurnCredentials();
    }

    public boolean enabled() {
        return settings != null;
    }

    /**
     * The ICE servers for {@code participantId}, valid until the earlier of now + TTL and {@code notAfter} (the join
     * token's end), but at least {@link #MIN_LIFE} from now (a reconnect on a token in its resume window). Empty when
     * TURN is off.
     */
    public List<IceServer> iceServers(String participantId, Instant notAfter) {
        Objects.requireNonNull(participantId, "participantId");
        if (settings == null) {
            return List.of();
        }
        if (participantId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a participant id for TURN has no ':'");
        }
        Instant now = clock.instant();
        Instant expiry = now.plus(settings.ttl());
        if (notAfter != null && notAfter.isBefore(expiry)) {
            expiry = notAfter;
        }
        if (expiry.isBefore(now.plus(MIN_LIFE))) {
            expiry = now.plus(MIN_LIFE);
        }
        String username = expiry.getEpochSecond() + ":" + participantId;
        return List.of(new IceServer(settings.urls(), username, password(username)));
    }

    /** base64(HMAC-SHA1(secret, username)). */
    String password(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return settings == null ? "TurnCredentials[off]" : "TurnCredentials[" + settings + "]";
    }
}
