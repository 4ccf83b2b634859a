package org.lianxin.signaling.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues and checks join tokens: compact JWS (HS256) signed with the server secret, bound to a
 * session (booking or consultation), a room, a role and a participant, valid for a short time.
 *
 * <p>Checks run in this order, and the first failure is the refusal: well-formed JWT, signature
 * (HS256 with our key only: {@code alg=none}, other algorithms and other keys are refused before
 * any claim is read), our issuer and audience and every claim present, not before, expiry, room.
 *
 * <p>Thread-safe; holds no mutable state. Never log a token.
 */
public final class JoinTokens {

    /** Longer strings are refused as malformed before parsing. */
    static final int MAX_TOKEN_LENGTH = 4096;
    static final int MIN_SECRET_BYTES = 32;

    static final String ISSUER = "lianxin";
    static final String AUDIENCE = "lianxin-signaling";
    static final JOSEObjectType TYPE = new JOSEObjectType("lianxin-join+jwt");

    // Claim names (registered ones: iss, aud, sub = participant id, jti, iat, nbf, exp).
    static final String CLAIM_ROOM = "room";
    static final String CLAIM_ROLE = "role";
    static final String CLAIM_NAME = "name";
    static final String CLAIM_KIND = "kind";
    static final String CLAIM_SESSION = "sid";
    static final String CLAIM_ACCOUNT = "acct";
    static final String CLAIM_STAMP = "stamp";

    private final byte[] secret;
    private final JoinTokenSettings settings;
    private final Clock clock;
    private final MACSigner signer;
    private final MACVerifier verifier;

    /**
     * @param secret   the server secret, at least 32 bytes (copied)
     * @param settings lifetimes and clock skew
     * @param clock    the time source (injected for tests)
     */
    public JoinTokens(byte[] secret, JoinTokenSettings settings, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "join token secret must be at least " + MIN_SECRET_BYTES + " bytes, was " + secret.length);
        }
        this.secret = Arrays.copyOf(secret, secret.length);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.signer = new MACSigner(this.secret);
            this.verifier = new MACVerifier(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable join token secret", e);
        }
    }

    /** With the default settings (10 minutes). */
    public JoinTokens(byte[] secret, Clock clock) {
        this(secret, JoinTokenSettings.defaults(), clock);
    }

    public JoinTokenSettings settings() {
        return settings;
    }

    /** Signs a new token for {@code grant}, valid from now for the configured ttl, with a fresh jti. */
    public String issue(JoinGrant grant) {
        return issue(grant, null);
    }

    /**
     * As {@link #issue(JoinGrant)}, bound to the staff account it is issued to (null: none, a terminal's token): see
     * {@link AccountBinding} and {@link #accountOf}.
     */
    public String issue(JoinGrant grant, AccountBinding account) {
        Objects.requireNonNull(grant, "grant");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(grant.participantId())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.ttl())))
                .claim(CLAIM_ROOM, grant.roomId())
                .claim(CLAIM_ROLE, grant.role().name())
                .claim(CLAIM_NAME, grant.displayName())
                .claim(CLAIM_KIND, grant.session().kind().name())
                .claim(CLAIM_SESSION, grant.session().id());
        if (account != null) {
            builder.claim(CLAIM_ACCOUNT, account.accountId()).claim(CLAIM_STAMP, account.stamp());
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a join token", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks {@code token} for a join into {@code roomId}.
     *
     * @return what the token grants
     * @throws TokenRefusedException with the first failed check (see the class comment)
     */
    public JoinGrant verify(String token, String roomId) throws TokenRefusedException {
        return check(token, roomId, false).grant();
    }

    /**
     * Like {@link #verify}, except that a token that expired less than the settings'
     * {@code resumeWindow} ago is still accepted (every other check applies). For a reconnect only:
     * call it only when the room still holds this participant's place (disconnected less than its
     * grace period ago); the room must refuse anyone else.
     */
    public JoinGrant verifyForResume(String token, String roomId) throws TokenRefusedException {
        return check(token, roomId, true).grant();
    }

    /** The token's unique id, expiry and grant, after the same checks as {@link #verify}. */
    public Verified verifyDetailed(String token, String roomId) throws TokenRefusedException {
        return check(token, roomId, false);
    }

    /**
     * Until when {@code token} lets its holder into {@code roomId}: its expiry, or — expired, and still within the
     * resume window — the end of that window (a reconnect); empty when the token is refused. What a credential
     * handed out with the join (TURN) may live at most.
     */
    public Optional<Instant> usableUntil(String token, String roomId) {
        try {
            return Optional.of(check(token, roomId, false).expiresAt());
        } catch (TokenRefusedException refused) {
            if (refused.refusal() != TokenRefusal.TOKEN_EXPIRED) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(check(token, roomId, true).expiresAt().plus(settings.resumeWindow()));
        } catch (TokenRefusedException refused) {
            return Optional.empty();
        }
    }

    /**
     * Until when {@code token} could resume a held place in {@code roomId}: its expiry plus the resume window; empty
     * when the token is refused even for a resume.
     */
    public Optional<Instant> resumableUntil(String token, String roomId) {
        try {
            return Optional.of(check(token, roomId, true).expiresAt().plus(settings.resumeWindow()));
        } catch (TokenRefusedException refused) {
            return Optional.empty();
        }
    }

    /**
     * The account {@code token} was issued to, if it names one, after every check of {@link #verifyForResume} (a
     * resumable token too); empty when it names none or is refused.
     */
    public Optional<AccountBinding> accountOf(String token, String roomId) {
        try {
            return Optional.ofNullable(check(token, roomId, true).account());
        } catch (TokenRefusedException refused) {
            return Optional.empty();
        }
    }

    /** A verified token: its grant, its unique id (jti), its expiry and the account it is bound to (or null). */
    public record Verified(JoinGrant grant, String tokenId, Instant expiresAt, AccountBinding account) {
    }

    private Verified check(String token, String roomId, boolean forResume) throws TokenRefusedException {
        Objects.requireNonNull(roomId, "roomId");
        if (token == null || token.isBlank()) {
            throw refused(TokenRefusal.TOKEN_MALFORMED, "empty token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw refused(TokenRefusal.TOKEN_MALFORMED, "token longer than " + MAX_TOKEN_LENGTH);
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw refused(TokenRefusal.TOKEN_MALFORMED, "not a JWT");
        }
        if (parsed instanceof PlainJWT) {
            throw refused(TokenRefusal.TOKEN_BAD_SIGNATURE, "unsigned token (alg=none)");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw refused(TokenRefusal.TOKEN_MALFORMED, "not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw refused(TokenRefusal.TOKEN_BAD_SIGNATURE, "algorithm " + jwt.getHeader().getAlgorithm());
        }
        boolean signatureOk;
        try {
            signatureOk = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            signatureOk = false;
        }
        if (!signatureOk) {
            throw refused(TokenRefusal.TOKEN_BAD_SIGNATURE, "signature does not verify");
        }

        // From here on the content is ours; a failure is a bug or an old format, not an attack.
        if (!TYPE.equals(jwt.getHeader().getType())) {
            throw refused(TokenRefusal.TOKEN_MALFORMED, "not a join token");
        }
        JWTClaimsSet claims;
        JoinGrant grant;
        String tokenId;
        AccountBinding account;
        Instant notBefore;
        Instant expiresAt;
        try {
            claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())) {
                throw refused(TokenRefusal.TOKEN_MALFORMED, "not a join token");
            }
            tokenId = requireClaim(claims.getJWTID(), "jti");
            notBefore = requireClaim(claims.getNotBeforeTime(), "nbf").toInstant();
            expiresAt = requireClaim(claims.getExpirationTime(), "exp").toInstant();
            SessionKind kind = SessionKind.valueOf(requireClaim(claims.getStringClaim(CLAIM_KIND), CLAIM_KIND));
            Role role = Role.valueOf(requireClaim(claims.getStringClaim(CLAIM_ROLE), CLAIM_ROLE));
            grant = new JoinGrant(
                    new SessionRef(kind, requireClaim(claims.getStringClaim(CLAIM_SESSION), CLAIM_SESSION)),
                    requireClaim(claims.getStringClaim(CLAIM_ROOM), CLAIM_ROOM),
                    role,
                    requireClaim(claims.getSubject(), "sub"),
                    requireClaim(claims.getStringClaim(CLAIM_NAME), CLAIM_NAME));
            Long accountId = claims.getLongClaim(CLAIM_ACCOUNT);
            Long stamp = claims.getLongClaim(CLAIM_STAMP);
            if ((accountId == null) != (stamp == null)) {
                throw new IllegalArgumentException("an account without its stamp");
            }
            account = accountId == null ? null : new AccountBinding(accountId, stamp);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw refused(TokenRefusal.TOKEN_MALFORMED, "invalid claims: " + e.getMessage());
        }

        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (now.plus(skew).isBefore(notBefore)) {
            throw refused(TokenRefusal.TOKEN_NOT_YET_VALID, "valid from " + notBefore);
        }
        Instant deadline = expiresAt.plus(skew);
        if (forResume) {
            deadline = deadline.plus(settings.resumeWindow());
        }
        if (!now.isBefore(deadline)) {
            throw refused(TokenRefusal.TOKEN_EXPIRED, "expired at " + expiresAt);
        }
        if (!grant.roomId().equals(roomId)) {
            throw refused(TokenRefusal.TOKEN_WRONG_ROOM, "token is for another room");
        }
        return new Verified(grant, tokenId, expiresAt, account);
    }

    private static <T> T requireClaim(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing claim " + name);
        }
        if (value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("blank claim " + name);
        }
        return value;
    }

    private static TokenRefusedException refused(TokenRefusal refusal, String detail) {
        return new TokenRefusedException(refusal, detail);
    }
}
