package org.lianxin.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.TokenRefusal;

class ProtocolCodecTest {

    private final ProtocolCodec codec = new ProtocolCodec();

    private static final String SDP = "v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n";
    private static final ParticipantInfo HOST = new ParticipantInfo("leader-1", "王局长", Role.HOST, true, true, false,
            false);
    private static final ParticipantInfo PETITIONER = new ParticipantInfo("p-1", "张三", Role.PETITIONER, false, false,
            true, true);

    static final List<ClientMessage> EVERY_CLIENT_MESSAGE = List.of(
            new ClientMessage.Join("eyJhbGciOiJIUzI1NiJ9.e30.sig"),
            new ClientMessage.Publish(SDP),
            new ClientMessage.Subscribe(List.of("leader-1", "official-2")),
            new ClientMessage.Answer(SDP),
            new ClientMessage.Trickle(PeerConnectionKind.PUBLISHER,
                    new IceCandidate("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host", "0", 0)),
            new ClientMessage.Trickle(PeerConnectionKind.SUBSCRIBER, IceCandidate.completed()),
            new ClientMessage.RestartIce(PeerConnectionKind.PUBLISHER, SDP),
            new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null),
            new ClientMessage.Admit("p-1"),
            new ClientMessage.Mute("p-1", MediaKind.AUDIO),
            new ClientMessage.Unmute("p-1", MediaKind.VIDEO),
            new ClientMessage.Remove("p-1"),
            new ClientMessage.End(),
            new ClientMessage.Leave(),
            new ClientMessage.Heartbeat(),
            new ClientMessage.MediaPath(false, MediaRoute.RELAY),
            new ClientMessage.RenewIceServers(),
            new ClientMessage.PrepareReceive(),
            new ClientMessage.LinkReport(new LinkStats(4.5, 1.2, 120, 480, 512, 1)),
            new ClientMessage.LinkReport(new LinkStats(0, 0, null, 0, 0, 0)));

    static final List<ServerMessage> EVERY_SERVER_MESSAGE = List.of(
            new ServerMessage.Joined(HOST, List.of(PETITIONER), List.of(PETITIONER), null, false),
            new ServerMessage.Joined(PETITIONER, List.of(), List.of(), new LobbyStatus(2, 420), true),
            new ServerMessage.Joined(PETITIONER, List.of(), List.of(), new LobbyStatus(1, 0), false,
                    List.of(new IceServer(List.of("turn:198.18.1.2:3478?transport=udp",
                            "turns:198.18.1.2:443?transport=tcp"), "1767225600:kiosk-7", "gtt4CKKjZOw6OYKY5YBxSZKnBZA="))),
            new ServerMessage.Lobby(new LobbyStatus(1, 0)),
            new ServerMessage.Admitted(List.of(HOST)),
            new ServerMessage.ParticipantJoined(HOST),
            new ServerMessage.ParticipantWaiting(PETITIONER),
            new ServerMessage.ParticipantLeft("p-1", LeaveReason.TIMED_OUT),
            new ServerMessage.ParticipantConnection("p-1", false),
            new ServerMessage.ParticipantPublishing("leader-1", true),
            new ServerMessage.Muted("p-1", MediaKind.VIDEO, true),
            new ServerMessage.Removed(),
            new ServerMessage.Ended(EndReason.HOST),
            new ServerMessage.Offer(SDP, List.of(new OfferedStream("0", "leader-1", MediaKind.AUDIO),
                    new OfferedStream("1", "leader-1", MediaKind.VIDEO))),
            new ServerMessage.Answer(SDP),
            new ServerMessage.RestartOffer(SDP),
            new ServerMessage.OfferUpdate(SDP, List.of(new OfferedStream("2", "p-1", MediaKind.AUDIO),
                    new OfferedStream("3", "p-1", MediaKind.VIDEO))),
            new ServerMessage.OfferUpdate(null, List.of(new OfferedStream("3", "p-1", MediaKind.VIDEO))),
            new ServerMessage.Failure(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "only the host may do this", "c-17"),
            new ServerMessage.Failure(ErrorCode.TRANSPORT_MALFORMED, "malformed JSON", null),
            new ServerMessage.HeartbeatAck(), new ServerMessage.MediaRestarted(),
            new ServerMessage.ParticipantMediaPath("petitioner-1", false, MediaRoute.RELAY),
            new ServerMessage.IceServersRenewed(List.of(new IceServer(List.of("turns:t.example:443?transport=tcp"),
                    "1767225600:kiosk-7", "gtt4CKKjZOw6OYKY5YBxSZKnBZA="))),
            new ServerMessage.IceServersRenewed(List.of()),
            new ServerMessage.PrepareMedia(), new ServerMessage.VideoResumed(),
            new ServerMessage.LinkQuality("p-1", LinkLevel.POOR, new LinkStats(4.5, 0, 120, 480, 512, 1)));

    // ------------------------------------------------------------------ round trips

    @Test
    void everyClientMessageTypeRoundTripsWithItsCorrelation() throws Exception {
        for (ClientMessage message : EVERY_CLIENT_MESSAGE) {
            String json = codec.encode(message, "c-1");

            assertThat(codec.decodeClient(json)).as(json).isEqualTo(new Incoming("c-1", message));
        }
        assertThat(codec.decodeClient(codec.encode(new ClientMessage.Heartbeat(), null)).correlation()).isNull();
    }

    @Test
    void everyServerMessageTypeRoundTrips() throws Exception {
        for (ServerMessage message : EVERY_SERVER_MESSAGE) {
            String json = codec.encode(message);

            assertThat(codec.decodeServer(json)).as(json).isEqualTo(message);
        }
    }

    @Test
    void theRoundTripsCoverEveryMessageType() {
        assertThat(EVERY_CLIENT_MESSAGE.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(Set.of(ClientMessage.class.getPermittedSubclasses()));
        assertThat(EVERY_SERVER_MESSAGE.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(Set.of(ServerMessage.class.getPermittedSubclasses()));
    }

    @Test
    void theWireFormatIsFlatJsonWithLowerCaseEnumNames() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"mute\",\"id\":\"7\",\"participantId\":\"p-1\",\"kind\":\"audio\"}"))
                .isEqualTo(new Incoming("7", new ClientMessage.Mute("p-1", MediaKind.AUDIO)));
        assertThat(codec.encode(new ServerMessage.Failure(ErrorCode.ROOM_IN_LOBBY, "wait", "7")))
                .isEqualTo("{\"type\":\"error\",\"code\":305,\"name\":\"ROOM_IN_LOBBY\",\"message\":\"wait\","
                        + "\"correlation\":\"7\"}");
        assertThat(codec.encode(new ServerMessage.ParticipantLeft("p-1", LeaveReason.TIMED_OUT)))
                .isEqualTo("{\"type\":\"participantLeft\",\"participantId\":\"p-1\",\"reason\":\"timed_out\"}");
        assertThat(codec.encode(new ServerMessage.Lobby(new LobbyStatus(1, 300))))
                .isEqualTo("{\"type\":\"lobby\",\"position\":1,\"estimatedWaitSeconds\":300}");
    }

    @Test
    void joinedCarriesTheIceServersAsTheBrowserExpectsThemAndAnEmptyListWithoutTurn() throws Exception {
        IceServer turn = new IceServer(List.of("turns:turn.example:443?transport=tcp"), "1767225600:kiosk-7", "c/3+=");
        String json = codec.encode(new ServerMessage.Joined(HOST, List.of(), List.of(), null, false, List.of(turn)));

        assertThat(json).contains("\"iceServers\":[{\"urls\":[\"turns:turn.example:443?transport=tcp\"],"
                + "\"username\":\"1767225600:kiosk-7\",\"credential\":\"c/3+=\"}]");
        assertThat(codec.encode(new ServerMessage.Joined(HOST, List.of(), List.of(), null, false)))
                .contains("\"iceServers\":[]");
        // an older server's joined without the field reads as no TURN
        String old = json.replaceFirst(",\"iceServers\":\\[.*\\]", "");
        assertThat(((ServerMessage.Joined) codec.decodeServer(old)).iceServers()).isEmpty();
    }

    @Test
    void anIceServerWithoutUrlsIsRefusedAsAnInvalidField() {
        String json = "{\"type\":\"joined\",\"you\":{\"id\":\"h\",\"displayName\":\"H\",\"role\":\"host\","
                + "\"connected\":true,\"publishing\":false,\"audioMuted\":false,\"videoMuted\":false},"
                + "\"participants\":[],\"waiting\":[],\"lobby\":null,\"resumed\":false,"
                + "\"iceServers\":[{\"urls\":[],\"username\":\"u\",\"credential\":\"c\"}]}";

        assertThatThrownBy(() -> codec.decodeServer(json)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.TRANSPORT_INVALID_FIELD);
    }

    @Test
    void anIceServersCredentialNeverShowsInItsToString() {
        assertThat(new IceServer(List.of("turn:t:3478"), "1:p", "s3cr3t-credential").toString())
                .doesNotContain("s3cr3t-credential");
    }

    @Test
    void aMediaPathReportIsFlatWithALowerCaseRoute() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"mediaPath\",\"ok\":false,\"route\":\"relay\"}").message())
                .isEqualTo(new ClientMessage.MediaPath(false, MediaRoute.RELAY));
        assertThat(codec.encode(new ServerMessage.ParticipantMediaPath("p-1", true, MediaRoute.DIRECT)))
                .isEqualTo("{\"type\":\"participantMediaPath\",\"participantId\":\"p-1\",\"ok\":true,"
                        + "\"route\":\"direct\"}");
        assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"mediaPath\",\"ok\":false,\"route\":\"carrier-pigeon\"}"))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.TRANSPORT_INVALID_FIELD);
    }

    @Test
    void aBrowserEndOfCandidatesIsANullCandidate() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"trickle\",\"target\":\"publisher\",\"candidate\":null}").message())
                .isEqualTo(new ClientMessage.Trickle(PeerConnectionKind.PUBLISHER, IceCandidate.completed()));
    }

    @Test
    void anIceRestartCarriesTheBrowsersOfferForThePublisherAndNoneForTheSubscriber() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"restartIce\",\"target\":\"subscriber\"}").message())
                .isEqualTo(new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null));
        assertThat(codec.decodeClient("{\"type\":\"restartIce\",\"target\":\"publisher\",\"sdp\":\"v=0\"}")
                .message()).isEqualTo(new ClientMessage.RestartIce(PeerConnectionKind.PUBLISHER, "v=0"));
        assertDecodeError("{\"type\":\"restartIce\",\"id\":\"r1\",\"target\":\"publisher\"}",
                ErrorCode.TRANSPORT_MISSING_FIELD, "r1");
        assertDecodeError("{\"type\":\"restartIce\",\"target\":\"publisher\",\"sdp\":\"  \"}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"restartIce\",\"target\":\"subscriber\",\"sdp\":\"v=0\"}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"restartIce\",\"target\":\"both\"}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"restartIce\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertThat(codec.encode(new ServerMessage.RestartOffer("v=0")))
                .isEqualTo("{\"type\":\"restartOffer\",\"sdp\":\"v=0\"}");
    }

    @Test
    void aSubscriptionUpdateWithoutAnSdpSaysSoWithANullAndTheReceivingConnectionIsAskedForWithoutFields()
            throws Exception {
        assertThat(codec.encode(new ServerMessage.OfferUpdate(null, List.of())))
                .isEqualTo("{\"type\":\"offerUpdate\",\"sdp\":null,\"streams\":[]}");
        assertThat(codec.decodeClient("{\"type\":\"prepareReceive\",\"id\":\"9\"}").message())
                .isEqualTo(new ClientMessage.PrepareReceive());
        assertThat(ErrorCode.MEDIA_PREPARE_RECEIVE_FAILED.number()).isEqualTo(422);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"heartbeat\",\"sentAt\":12345,\"extra\":{\"a\":[1,2]}}").message())
                .isEqualTo(new ClientMessage.Heartbeat());
    }

    @Test
    void textWithEscapesQuotesAndChineseRoundTrips() throws Exception {
        String odd = "引号\"反斜杠\\换行\n制表\t控制\u0001 emoji \uD83D\uDE00 line\u2028sep";
        ParticipantInfo p = new ParticipantInfo("p\"1", odd, Role.OFFICIAL, true, false, false, false);

        assertThat(codec.decodeServer(codec.encode(new ServerMessage.ParticipantJoined(p))))
                .isEqualTo(new ServerMessage.ParticipantJoined(p));
        assertThat(codec.decodeClient("{\"type\":\"admit\",\"participantId\":\"\\u5f20\\u4e09\\/x\"}").message())
                .isEqualTo(new ClientMessage.Admit("张三/x"));
    }

    // ------------------------------------------------------------------ decode errors

    @Test
    void aMessageOverTheSizeLimitIsRefusedAsTooLarge() {
        String big = "{\"type\":\"publish\",\"sdp\":\"" + "a".repeat(64 * 1024) + "\"}";

        assertDecodeError(big, ErrorCode.TRANSPORT_TOO_LARGE);
    }

    @Test
    void theSizeLimitCountsUtf8BytesNotCharacters() {
        // 25 000 Chinese characters: under 64 Ki characters, but 75 000 bytes.
        String big = "{\"type\":\"publish\",\"sdp\":\"" + "连".repeat(25_000) + "\"}";

        assertThat(big.length()).isLessThan(64 * 1024);
        assertDecodeError(big, ErrorCode.TRANSPORT_TOO_LARGE);
    }

    @Test
    void aMessageJustUnderTheLimitIsAccepted() throws Exception {
        String prefix = "{\"type\":\"publish\",\"sdp\":\"";
        String json = prefix + "a".repeat(64 * 1024 - prefix.length() - 2) + "\"}";

        assertThat(json.length()).isEqualTo(64 * 1024);
        assertThat(codec.decodeClient(json).message()).isInstanceOf(ClientMessage.Publish.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "not json", "{", "{\"type\":\"join\"", "{\"type\":\"join\",}", "{'type':'join'}",
            "[]", "[{\"type\":\"heartbeat\"}]", "\"heartbeat\"", "42", "null",
            "{\"type\":\"heartbeat\"} trailing", "{\"type\":\"heartbeat\"}{}",
            "{\"type\":\"heartbeat\",\"type\":\"end\"}",
            "{\"type\":\"heartbeat\",\"x\":01}", "{\"type\":\"heartbeat\",\"x\":1.}", "{\"type\":\"heartbeat\",\"x\":-}",
            "{\"type\":\"heartbeat\",\"x\":tru}", "{\"type\":\"heart\tbeat\"}", "{\"type\":\"a\\qb\"}",
            "{\"type\":\"\\u12\"}"})
    void malformedJsonIsRefusedAsMalformed(String text) {
        assertDecodeError(text, ErrorCode.TRANSPORT_MALFORMED);
    }

    @Test
    void aMalformedFrameIsNotQuotedBackInTheError() {
        ProtocolException e = decodeError("{\"type\":\"join\",\"token\":eyJhbGciOiJIUzI1NiJ9secret}");

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT_MALFORMED);
        assertThat(e.getMessage()).doesNotContain("eyJ").doesNotContain("secret").contains("column");
    }

    @Test
    void nonStandardNumbersAreRefused() {
        assertDecodeError("{\"type\":\"heartbeat\",\"x\":NaN}", ErrorCode.TRANSPORT_MALFORMED);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"publisher\",\"candidate\":{\"candidate\":\"c\","
                + "\"sdpMLineIndex\":1e2}}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"publisher\",\"candidate\":{\"candidate\":\"c\","
                + "\"sdpMLineIndex\":123456789012345678901234567890}}", ErrorCode.TRANSPORT_INVALID_FIELD);
    }

    @Test
    void deeplyNestedJsonIsRefusedAsMalformed() {
        String deep = "{\"type\":\"heartbeat\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertDecodeError(deep, ErrorCode.TRANSPORT_MALFORMED);
    }

    @Test
    void aNullFrameIsRefusedAsMalformed() {
        assertDecodeError(null, ErrorCode.TRANSPORT_MALFORMED);
    }

    @Test
    void anUnknownTypeIsRefusedWithItsOwnCode() {
        assertDecodeError("{\"type\":\"becomeHost\",\"id\":\"c-3\"}", ErrorCode.TRANSPORT_UNKNOWN_TYPE, "c-3");
        // Server-only types are unknown from a browser.
        assertDecodeError("{\"type\":\"joined\"}", ErrorCode.TRANSPORT_UNKNOWN_TYPE);
    }

    @Test
    void aMissingTypeIsAMissingField() {
        assertDecodeError("{\"token\":\"x\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":null}", ErrorCode.TRANSPORT_MISSING_FIELD);
    }

    @Test
    void aTypeThatIsNotAStringIsAnInvalidField() {
        assertDecodeError("{\"type\":7}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"\"}", ErrorCode.TRANSPORT_INVALID_FIELD);
    }

    @Test
    void missingRequiredFieldsAreRefusedAndTheCorrelationIsEchoed() {
        assertDecodeError("{\"type\":\"join\",\"id\":\"c-9\"}", ErrorCode.TRANSPORT_MISSING_FIELD, "c-9");
        assertDecodeError("{\"type\":\"publish\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"subscribe\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"answer\",\"sdp\":null}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"publisher\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"candidate\":null}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"publisher\",\"candidate\":{\"candidate\":\"c\"}}",
                ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"admit\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"mute\",\"participantId\":\"p-1\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"unmute\",\"kind\":\"audio\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"remove\"}", ErrorCode.TRANSPORT_MISSING_FIELD);
    }

    @Test
    void fieldsOfTheWrongKindOrValueAreRefusedAsInvalid() {
        assertDecodeError("{\"type\":\"join\",\"token\":42,\"id\":\"c-1\"}", ErrorCode.TRANSPORT_INVALID_FIELD, "c-1");
        assertDecodeError("{\"type\":\"join\",\"token\":\"  \"}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"publish\",\"sdp\":{}}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"subscribe\",\"participants\":\"p-1\"}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"subscribe\",\"participants\":[]}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"subscribe\",\"participants\":[1]}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"subscribe\",\"participants\":[\"a\",\"a\"]}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"subscribe\",\"participants\":" + manyIds(33) + "}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"both\",\"candidate\":null}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"publisher\",\"candidate\":\"c\"}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"trickle\",\"target\":\"publisher\",\"candidate\":{\"candidate\":\"c\","
                + "\"sdpMLineIndex\":-1}}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"mute\",\"participantId\":\"p-1\",\"kind\":\"screen\"}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"mute\",\"participantId\":\"p-1\",\"kind\":\"AUDIO \"}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"admit\",\"participantId\":\"" + "x".repeat(129) + "\"}",
                ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"remove\",\"participantId\":[\"p-1\"]}", ErrorCode.TRANSPORT_INVALID_FIELD);
        assertDecodeError("{\"type\":\"heartbeat\",\"id\":12}", ErrorCode.TRANSPORT_INVALID_FIELD);
    }

    @Test
    void aDecodeErrorBecomesAnErrorMessageForTheBrowser() throws Exception {
        ProtocolException e = decodeError("{\"type\":\"admit\",\"id\":\"c-5\"}");

        ServerMessage.Failure failure = e.toFailure();
        assertThat(failure.code()).isEqualTo(ErrorCode.TRANSPORT_MISSING_FIELD);
        assertThat(failure.correlation()).isEqualTo("c-5");
        assertThat(failure.message()).contains("participantId");
        assertThat(codec.decodeServer(codec.encode(failure))).isEqualTo(failure);
    }

    @Test
    void aServerErrorWithAnUnknownCodeIsRefused() {
        assertThatThrownBy(() -> codec.decodeServer("{\"type\":\"error\",\"code\":399,\"message\":\"x\"}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT_INVALID_FIELD));
    }

    // ------------------------------------------------------------------ error codes

    @Test
    void errorCodesAreUniqueAndInTheRangeOfTheirFamily() {
        Set<Integer> numbers = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(numbers.add(code.number())).as("unique %s", code).isTrue();
            int range = code.number() / 100;
            String name = code.name();
            int expected = name.startsWith("TRANSPORT_") ? 1
                    : name.startsWith("TOKEN_") ? 2
                    : name.startsWith("ROOM_") ? 3
                    : name.startsWith("MEDIA_") ? 4
                    : 5;
            assertThat(range).as("range of %s", code).isEqualTo(expected);
            assertThat(ErrorCode.ofNumber(code.number())).contains(code);
        }
    }

    @Test
    void everyTokenRefusalHasItsOwnAuthCode() {
        Set<ErrorCode> codes = Arrays.stream(TokenRefusal.values()).map(ErrorCode::of).collect(Collectors.toSet());

        assertThat(codes).hasSize(TokenRefusal.values().length);
        assertThat(codes).allSatisfy(c -> assertThat(c.number()).isBetween(200, 299));
        assertThat(ErrorCode.of(TokenRefusal.TOKEN_EXPIRED)).isEqualTo(ErrorCode.TOKEN_EXPIRED);
    }

    // ------------------------------------------------------------------ helpers

    private ProtocolException decodeError(String text) {
        try {
            codec.decodeClient(text);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("decoded without error: " + text);
    }

    // ------------------------------------------------------------------ link reports

    @Test
    void aLinkReportIsReadWithDecimalLossAndAnUnknownRoundTrip() throws Exception {
        ClientMessage m = codec.decodeClient("{\"type\":\"linkReport\",\"lossPercent\":12.34,\"rttMs\":null,"
                + "\"inKbps\":480,\"outKbps\":0,\"freezes\":2}").message();

        assertThat(m).isEqualTo(new ClientMessage.LinkReport(new LinkStats(12.3, 0, null, 480, 0, 2)));
        assertThat(codec.decodeClient("{\"type\":\"linkReport\",\"lossPercent\":0,\"inKbps\":1,"
                + "\"outKbps\":2,\"freezes\":0}").message())
                .as("rttMs may be left out").isEqualTo(new ClientMessage.LinkReport(new LinkStats(0, 0, null, 1, 2, 0)));
    }

    @Test
    void aLinkReportCarriesTheLossOfWhatItSendsWhenGiven() throws Exception {
        ClientMessage m = codec.decodeClient("{\"type\":\"linkReport\",\"lossPercent\":1,\"sendLossPercent\":7.5,"
                + "\"rttMs\":80,\"inKbps\":480,\"outKbps\":300,\"freezes\":0}").message();

        assertThat(((ClientMessage.LinkReport) m).stats().sendLossPercent()).isEqualTo(7.5);
        assertThat(((ClientMessage.LinkReport) m).stats().worstLossPercent()).isEqualTo(7.5);
        assertDecodeError("{\"type\":\"linkReport\",\"lossPercent\":1,\"sendLossPercent\":101,\"rttMs\":80,"
                + "\"inKbps\":480,\"outKbps\":300,\"freezes\":0}", ErrorCode.TRANSPORT_INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"lossPercent\":-1,\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":100.5,\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":\"5\",\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":1e400,\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":1,\"rttMs\":60001,\"inKbps\":1,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":1,\"rttMs\":12.5,\"inKbps\":1,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":1,\"rttMs\":10,\"inKbps\":-3,\"outKbps\":1,\"freezes\":0",
            "\"lossPercent\":1,\"rttMs\":10,\"inKbps\":1,\"outKbps\":1000001,\"freezes\":0",
            "\"lossPercent\":1,\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":true",
            "\"lossPercent\":1,\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":10001"})
    void aLinkReportWithAValueOutOfRangeOrOfTheWrongKindIsRefusedAsInvalid(String fields) {
        assertDecodeError("{\"type\":\"linkReport\",\"id\":\"r-1\"," + fields + "}", ErrorCode.TRANSPORT_INVALID_FIELD,
                "r-1");
    }

    @Test
    void aLinkReportMissingAMeasureIsRefusedAsMissing() {
        assertDecodeError("{\"type\":\"linkReport\",\"rttMs\":10,\"inKbps\":1,\"outKbps\":1,\"freezes\":0}",
                ErrorCode.TRANSPORT_MISSING_FIELD);
        assertDecodeError("{\"type\":\"linkReport\",\"lossPercent\":1,\"inKbps\":1,\"outKbps\":1}",
                ErrorCode.TRANSPORT_MISSING_FIELD);
    }

    @Test
    void theLinkVerdictGoesOnTheWireWithItsLevelInLowerCase() {
        String text = codec.encode(new ServerMessage.LinkQuality("p-1", LinkLevel.BAD,
                new LinkStats(18.26, 2.04, 340, 200, 510, 3)));

        assertThat(text).isEqualTo("{\"type\":\"linkQuality\",\"participantId\":\"p-1\",\"level\":\"bad\","
                + "\"lossPercent\":18.3,\"sendLossPercent\":2.0,\"rttMs\":340,\"inKbps\":200,\"outKbps\":510,\"freezes\":3}");
    }

    private void assertDecodeError(String text, ErrorCode expected) {
        assertThat(decodeError(text).code()).as(text).isEqualTo(expected);
    }

    private void assertDecodeError(String text, ErrorCode expected, String correlation) {
        ProtocolException e = decodeError(text);
        assertThat(e.code()).as(text).isEqualTo(expected);
        assertThat(e.correlation()).as(text).isEqualTo(correlation);
    }

    private static String manyIds(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "\"p" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
