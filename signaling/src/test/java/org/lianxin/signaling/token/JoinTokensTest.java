package org.lianxin.signaling.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JoinTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final JoinGrant GRANT = new JoinGrant(SessionRef.reception("booking-42"), "room-7",
            Role.PETITIONER, "petitioner-1", "张三");

    private final MutableClock clock = new MutableClock(T0);
    private final JoinTokenSettings exact = JoinTokenSettings.defaults().withClockSkew(Duration.ZERO);
    private final JoinTokens tokens = new JoinTokens(SECRET, exact, clock);

    @Test
    void aTokenIsUsableUntilItsExpiryThenForAResumeUntilTheEndOfTheResumeWindow() {
        String token = tokens.issue(GRANT);
        Instant expiry = T0.plus(exact.ttl());

        assertThat(tokens.usableUntil(token, "room-7")).contains(expiry);
        clock.advance(exact.ttl().plusSeconds(1));
        assertThat(tokens.usableUntil(token, "room-7")).contains(expiry.plus(exact.resumeWindow()));
        clock.advance(exact.resumeWindow());
        assertThat(tokens.usableUntil(token, "room-7")).isEmpty();
        assertThat(tokens.usableUntil(tokens.issue(GRANT), "room-8")).isEmpty();
        assertThat(tokens.usableUntil("not-a-token", "room-7")).isEmpty();
    }

    @Test
    void aTokenIsResumableUntilTheEndOfTheResumeWindowAfterItsExpiry() {
        String token = tokens.issue(GRANT);
        Instant end = T0.plus(exact.ttl()).plus(exact.resumeWindow());

        assertThat(tokens.resumableUntil(token, "room-7")).contains(end);
        clock.advance(exact.ttl().plus(exact.resumeWindow()));
        assertThat(tokens.resumableUntil(token, "room-7")).isEmpty();
    }

    @Test
    void anIssuedTokenVerifiesAndCarriesTheWholeGrant() throws Exception {
        String token = tokens.issue(GRANT);

        assertThat(tokens.verify(token, "room-7")).isEqualTo(GRANT);
    }

    @Test
    void aConsultationGrantRoundTrips() throws Exception {
        JoinGrant grant = new JoinGrant(SessionRef.consultation("c-9"), "room-c", Role.OFFICIAL, "o-1", "李四 (民政厅)");

        assertThat(tokens.verify(tokens.issue(grant), "room-c")).isEqualTo(grant);
    }

    @Test
    void theSameTokenVerifiesAgainForAReconnect() throws Exception {
        String token = tokens.issue(GRANT);
        tokens.verify(token, "room-7");
        clock.advance(Duration.ofSeconds(20));

        assertThat(tokens.verify(token, "room-7")).isEqualTo(GRANT);
    }

    @Test
    void everyTokenHasItsOwnUniqueId() throws Exception {
        JoinTokens.Verified first = tokens.verifyDetailed(tokens.issue(GRANT), "room-7");
        JoinTokens.Verified second = tokens.verifyDetailed(tokens.issue(GRANT), "room-7");

        assertThat(first.tokenId()).isNotBlank().isNotEqualTo(second.tokenId());
        assertThat(UUID.fromString(first.tokenId())).isNotNull();
    }

    @Test
    void aTokenIsValidForTenMinutesByDefault() throws Exception {
        String token = tokens.issue(GRANT);
        assertThat(tokens.verifyDetailed(token, "room-7").expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));

        clock.set(T0.plus(Duration.ofMinutes(10)).minusSeconds(1));
        assertThat(tokens.verify(token, "room-7")).isEqualTo(GRANT);

        clock.set(T0.plus(Duration.ofMinutes(10)));
        assertRefused(token, "room-7", TokenRefusal.TOKEN_EXPIRED);
    }

    @Test
    void theLifetimeIsConfigurable() throws Exception {
        JoinTokens shortLived = new JoinTokens(SECRET, exact.withTtl(Duration.ofMinutes(2)), clock);
        String token = shortLived.issue(GRANT);

        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> shortLived.verify(token, "room-7"))
                .isInstanceOfSatisfying(TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.TOKEN_EXPIRED));
    }

    @Test
    void theClockSkewToleranceExtendsExpiryAndStart() throws Exception {
        JoinTokens lenient = new JoinTokens(SECRET, exact.withClockSkew(Duration.ofSeconds(5)), clock);
        String token = lenient.issue(GRANT);

        clock.set(T0.plus(Duration.ofMinutes(10)).plusSeconds(4));
        assertThat(lenient.verify(token, "room-7")).isEqualTo(GRANT);
        clock.set(T0.plus(Duration.ofMinutes(10)).plusSeconds(5));
        assertThatThrownBy(() -> lenient.verify(token, "room-7")).isInstanceOf(TokenRefusedException.class);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedAsBadSignature() {
        String forged = new JoinTokens(OTHER_SECRET, exact, clock).issue(GRANT);

        assertRefused(forged, "room-7", TokenRefusal.TOKEN_BAD_SIGNATURE);
    }

    @Test
    void anAlteredPayloadIsRefusedAsBadSignature() {
        String[] parts = tokens.issue(GRANT).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"PETITIONER\"");
        String promoted = payload.replace("\"PETITIONER\"", "\"HOST\"");
        String altered = parts[0] + "." + base64(promoted) + "." + parts[2];

        assertRefused(altered, "room-7", TokenRefusal.TOKEN_BAD_SIGNATURE);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefusedAsBadSignature() {
        String[] parts = tokens.issue(GRANT).split("\\.");
        String none = base64("{\"alg\":\"none\",\"typ\":\"lianxin-join+jwt\"}") + "." + parts[1] + ".";

        assertRefused(none, "room-7", TokenRefusal.TOKEN_BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithAnotherAlgorithmIsRefusedAsBadSignature() throws Exception {
        byte[] longSecret = (new String(SECRET, StandardCharsets.US_ASCII) + new String(SECRET, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        JoinTokens withLongSecret = new JoinTokens(longSecret, exact, clock);
        SignedJWT hs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JoinTokens.TYPE).build(),
                validClaims().build());
        hs512.sign(new MACSigner(longSecret));

        assertThatThrownBy(() -> withLongSecret.verify(hs512.serialize(), "room-7"))
                .isInstanceOfSatisfying(TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.TOKEN_BAD_SIGNATURE));
    }

    @Test
    void garbageIsRefusedAsMalformed() {
        assertRefused("", "room-7", TokenRefusal.TOKEN_MALFORMED);
        assertRefused("not a token", "room-7", TokenRefusal.TOKEN_MALFORMED);
        assertRefused("a.b.c", "room-7", TokenRefusal.TOKEN_MALFORMED);
        assertRefused("x".repeat(5000), "room-7", TokenRefusal.TOKEN_MALFORMED);
        assertRefused(null, "room-7", TokenRefusal.TOKEN_MALFORMED);
    }

    @Test
    void aCorrectlySignedTokenMissingAClaimIsRefusedAsMalformed() throws Exception {
        JWTClaimsSet withoutRole = new JWTClaimsSet.Builder(validClaims().build()).claim(JoinTokens.CLAIM_ROLE, null)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JoinTokens.TYPE).build(),
                withoutRole);
        jwt.sign(new MACSigner(SECRET));

        assertRefused(jwt.serialize(), "room-7", TokenRefusal.TOKEN_MALFORMED);
    }

    @Test
    void aCorrectlySignedJwtOfAnotherKindIsRefusedAsMalformed() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
                validClaims().audience("something-else").build());
        jwt.sign(new MACSigner(SECRET));

        assertRefused(jwt.serialize(), "room-7", TokenRefusal.TOKEN_MALFORMED);
    }

    @Test
    void aTokenForAnotherRoomIsRefusedAsWrongRoom() {
        assertRefused(tokens.issue(GRANT), "room-8", TokenRefusal.TOKEN_WRONG_ROOM);
    }

    @Test
    void aTokenFromTheFutureIsRefusedAsNotYetValid() {
        String fromTheFuture = new JoinTokens(SECRET, exact, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
                .issue(GRANT);

        assertRefused(fromTheFuture, "room-7", TokenRefusal.TOKEN_NOT_YET_VALID);
    }

    @Test
    void anExpiredTokenStillResumesWithinTheResumeWindowButIsOtherwiseChecked() throws Exception {
        String token = tokens.issue(GRANT);
        clock.advance(Duration.ofMinutes(40));

        assertRefused(token, "room-7", TokenRefusal.TOKEN_EXPIRED);
        assertThat(tokens.verifyForResume(token, "room-7")).isEqualTo(GRANT);
        assertThatThrownBy(() -> tokens.verifyForResume(token, "room-8"))
                .isInstanceOfSatisfying(TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.TOKEN_WRONG_ROOM));
        String forged = new JoinTokens(OTHER_SECRET, exact, Clock.fixed(T0, ZoneOffset.UTC)).issue(GRANT);
        assertThatThrownBy(() -> tokens.verifyForResume(forged, "room-7"))
                .isInstanceOfSatisfying(TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.TOKEN_BAD_SIGNATURE));

        clock.set(T0.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(4)));
        assertThatThrownBy(() -> tokens.verifyForResume(token, "room-7"))
                .isInstanceOfSatisfying(TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.TOKEN_EXPIRED));
    }

    @Test
    void aRefusalNeverRepeatsTheToken() {
        String token = tokens.issue(GRANT);

        assertThatThrownBy(() -> tokens.verify(token, "room-8"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[1]));
    }

    @Test
    void aSecretShorterThan32BytesIsRejected() {
        assertThatThrownBy(() -> new JoinTokens(new byte[31], clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void badSettingsAreAllListedAtOnce() {
        assertThatThrownBy(() -> new JoinTokenSettings(Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl")
                .hasMessageContaining("clockSkew")
                .hasMessageContaining("resumeWindow");
    }

    @Test
    void aGrantRefusesBlankOrOverlongFields() {
        assertThatThrownBy(() -> new JoinGrant(SessionRef.reception("b"), " ", Role.HOST, "p", "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JoinGrant(SessionRef.reception("b"), "r", Role.HOST, "p", "n".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ helpers

    private void assertRefused(String token, String roomId, TokenRefusal expected) {
        assertThatThrownBy(() -> tokens.verify(token, roomId))
                .isInstanceOfSatisfying(TokenRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(expected));
    }

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(JoinTokens.ISSUER)
                .audience(JoinTokens.AUDIENCE)
                .subject("petitioner-1")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(T0))
                .notBeforeTime(Date.from(T0))
                .expirationTime(Date.from(T0.plusSeconds(600)))
                .claim(JoinTokens.CLAIM_ROOM, "room-7")
                .claim(JoinTokens.CLAIM_ROLE, "PETITIONER")
                .claim(JoinTokens.CLAIM_NAME, "张三")
                .claim(JoinTokens.CLAIM_KIND, "RECEPTION")
                .claim(JoinTokens.CLAIM_SESSION, "booking-42");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aTokenIssuedToAnAccountNamesItAndItsStampAndATerminalsTokenNamesNone() throws Exception {
        String staff = tokens.issue(GRANT, new AccountBinding(17, 4));
        assertThat(tokens.accountOf(staff, "room-7")).contains(new AccountBinding(17, 4));
        assertThat(tokens.verifyDetailed(staff, "room-7").account()).isEqualTo(new AccountBinding(17, 4));
        assertThat(tokens.verify(staff, "room-7")).isEqualTo(GRANT);
        assertThat(tokens.accountOf(tokens.issue(GRANT), "room-7")).isEmpty();
        assertThat(tokens.accountOf(staff, "room-8")).as("refused: another room").isEmpty();
        clock.advance(exact.ttl().plusSeconds(1));
        assertThat(tokens.accountOf(staff, "room-7")).as("still resumable: still bound").contains(new AccountBinding(17, 4));
    }
}
