package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.webhooks.testing.Receiver;
import org.lianxin.webhooks.testing.Receiver.Answer;

/**
 * The delivery rules against a real HTTP receiver on 127.0.0.1 and a real PostgreSQL: signed Standard Webhooks,
 * only 2xx success, 5xx/429/timeouts retried with the same webhook-id (Retry-After honoured), 410 turns the endpoint
 * off, a delivery given up on after its window, administrators told, events of one case in order.
 */
class WebhookDeliveryIT {
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    static final long PROVINCE = 1;
    static final long CITY = 2;
    static final long OTHER_CITY = 3;
    static final long COUNTY = 5;

    MutableClock clock;
    WebhookWorld world;
    Receiver receiver;
    Webhooks webhooks;
    WebhookDispatcher dispatcher;
    NewSecret endpoint;
    int changes;

    @BeforeEach
    void setUp() throws Exception {
        clock = new MutableClock(T0);
        world = new WebhookWorld("webhooks", clock);
        receiver = new Receiver();
        WebhooksModule module = world.module(WebhookWorld.settings("node-a", Duration.ofHours(72)));
        webhooks = module.webhooks();
        dispatcher = module.dispatcher();
        endpoint = webhooks.create(CITY, new EndpointDraft(receiver.url(), "市信访信息系统", Set.of(), true));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        world.close();
    }

    boolean emit(EventType type, String caseKey, String key) {
        return world.emitWithChange(webhooks, ++changes, event(type, caseKey, key, clock.instant(), COUNTY, CITY,
                PROVINCE));
    }

    @Test
    void anEventIsPostedSignedWithTheStandardHeadersAndLogged() {
        emit(EventType.BOOKING_CREATED, "case:7", "booking.created:42");
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        assertThat(receiver.requests()).hasSize(1);
        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.id()).startsWith("msg_").doesNotContain(".");
        assertThat(r.timestamp()).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(r.body()).isEqualTo("{\"type\":\"booking.created\",\"timestamp\":\"2026-12-02T08:00:00Z\","
                + "\"data\":{\"key\":\"booking.created:42\"}}");
        assertThat(WebhookSigner.verify(endpoint.secret(), r.id(), T0.getEpochSecond(),
                r.body().getBytes(StandardCharsets.UTF_8), r.signature())).isTrue();

        List<DeliveryEntry> log = webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), null, 10);
        assertThat(log).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(d.msgId()).isEqualTo(r.id());
            assertThat(d.lastStatus()).isEqualTo(200);
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(webhooks.attempts(log.get(0).id(), List.of(CITY))).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.response()).isEqualTo("answer 200");
            assertThat(a.node()).isEqualTo("node-a");
            assertThat(a.latencyMs()).isNotNegative();
        });
    }

    @Test
    void aRolledBackChangeEmitsNothingAndARepeatedEventIsQueuedOnce() {
        world.tx.executeWithoutResult(s -> {
            webhooks.emit(event(EventType.BOOKING_CANCELLED, null, "booking.cancelled:1", T0, COUNTY, CITY));
            s.setRollbackOnly();
        });
        assertThat(emit(EventType.BOOKING_CREATED, null, "booking.created:1")).isTrue();
        assertThat(emit(EventType.BOOKING_CREATED, null, "booking.created:1")).isFalse();
        assertThat(world.jdbc.sql("select count(*) from changed_thing").query(Integer.class).single())
                .as("the caller's change stands when its event was a repeat").isEqualTo(2);
        dispatcher.dispatchDue();
        assertThat(receiver.requests()).extracting(Receiver.Request::body).singleElement().asString()
                .contains("booking.created");
    }

    @Test
    void aServerErrorIsRetriedAfterTheBackOffWithTheSameWebhookId() {
        receiver.then(Answer.status(500), Answer.status(503));
        emit(EventType.SESSION_STARTED, null, "session.started:1");
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).as("not due before its back-off").isZero();
        clock.advance(Duration.ofSeconds(7)); // 5 s ± 25 %
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(13)); // 10 s ± 25 %
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        List<Receiver.Request> got = receiver.requests();
        assertThat(got).hasSize(3).extracting(Receiver.Request::id).containsOnly(got.get(0).id());
        assertThat(got).extracting(Receiver.Request::timestamp).doesNotHaveDuplicates();
        assertThat(world.deliveryState("session.started:1")).isEqualTo("DELIVERED");
        long id = webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), null, 1).get(0).id();
        assertThat(webhooks.attempts(id, List.of(CITY))).extracting(AttemptEntry::status).containsExactly(500, 503, 200);
    }

    @Test
    void tooManyRequestsWaitsForItsRetryAfter() {
        receiver.then(Answer.status(429).retryAfter("120"));
        emit(EventType.SESSION_ENDED, null, "session.ended:1");
        dispatcher.dispatchDue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(dispatcher.dispatchDue()).as("Retry-After 120 s: not after 60 s").isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(world.deliveryState("session.ended:1")).isEqualTo("DELIVERED");
    }

    @Test
    void aSlowReceiverIsATimeoutAndRetried() {
        receiver.then(Answer.status(200).slow(3500));
        emit(EventType.RECORDING_AVAILABLE, null, "recording.available:1");
        dispatcher.dispatchDue();
        DeliveryEntry d = webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), null, 1).get(0);
        assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(d.lastStatus()).isNull();
        assertThat(d.lastError()).contains("no answer").contains("Timeout");
        assertThat(webhooks.attempts(d.id(), List.of(CITY))).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("Timeout"));
        clock.advance(Duration.ofSeconds(7));
        dispatcher.dispatchDue();
        assertThat(world.deliveryState("recording.available:1")).isEqualTo("DELIVERED");
    }

    @Test
    void goneTurnsTheEndpointOffTellsItsAdministratorsAndLaterEventsWaitForItsReturn() {
        receiver.then(Answer.status(410));
        emit(EventType.SUPERVISION_OPENED, "case:1", "supervision.opened:1");
        emit(EventType.SUPERVISION_REPLIED, "case:1", "supervision.replied:1");
        dispatcher.dispatchDue();

        Endpoint off = webhooks.endpoint(endpoint.endpoint().id(), List.of(CITY)).orElseThrow();
        assertThat(off.enabled()).isFalse();
        assertThat(off.disabledReason()).contains("410");
        assertThat(world.deliveryState("supervision.opened:1")).isEqualTo("FAILED");
        assertThat(world.adminNotices(CITY)).singleElement().asString().contains("Webhook 端点已停用");
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue()).isZero();

        webhooks.update(off.id(), new EndpointDraft(off.url(), off.description(), off.eventTypes(), true),
                List.of(CITY));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(world.deliveryState("supervision.replied:1")).isEqualTo("DELIVERED");
        assertThat(webhooks.endpoint(off.id(), List.of(CITY)).orElseThrow().disabledReason()).isNull();
    }

    @Test
    void aDeliveryFailingForItsWholeWindowIsGivenUpTheAdministratorsAreToldAndItCanBeResent() {
        receiver.rule(r -> Answer.status(500));
        emit(EventType.EVALUATION_GIVEN, null, "evaluation.given:1");
        int attempts = 0;
        while (attempts < 100 && "PENDING".equals(world.deliveryState("evaluation.given:1"))) {
            attempts += dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(30));
        }
        assertThat(world.deliveryState("evaluation.given:1")).isEqualTo("FAILED");
        assertThat(attempts).isBetween(20, 80);
        assertThat(world.adminNotices(CITY)).singleElement().asString().contains("Webhook 投递失败");
        assertThat(webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), DeliveryState.FAILED, 10))
                .singleElement().satisfies(d -> assertThat(d.lastError()).contains("HTTP 500").contains("72 h"));

        receiver.rule(r -> null);
        long id = webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), null, 1).get(0).id();
        assertThat(webhooks.resend(id, List.of(CITY)).state()).isEqualTo(DeliveryState.PENDING);
        assertThatThrownBy(() -> webhooks.resend(id, List.of(CITY))).isInstanceOf(WebhookException.NotResendable.class);
        dispatcher.dispatchDue();
        assertThat(world.deliveryState("evaluation.given:1")).isEqualTo("DELIVERED");
    }

    @Test
    void aCasesNextEventWaitsUntilItsPreviousOneIsDeliveredWhileOtherCasesGoOn() {
        receiver.then(Answer.status(500));
        emit(EventType.BOOKING_CREATED, "case:1", "a1");
        emit(EventType.BOOKING_RESCHEDULED, "case:1", "a2");
        emit(EventType.BOOKING_CREATED, "case:2", "b1");
        emit(EventType.INSTRUCTIONS_GIVEN, null, "n1");
        dispatcher.dispatchDue();
        assertThat(receiver.requests()).extracting(r -> r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"))
                .containsExactly("a1", "b1", "n1");
        assertThat(world.deliveryState("a2")).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(7));
        dispatcher.dispatchDue();
        assertThat(receiver.requests()).extracting(r -> r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"))
                .containsExactly("a1", "b1", "n1", "a1", "a2");
    }

    @Test
    void aResentEventGoesBeforeItsCasesLaterPendingOneEvenWhenThatOneIsDueFirst() {
        emit(EventType.BOOKING_CREATED, "case:1", "a1");
        dispatcher.dispatchDue();
        receiver.then(Answer.status(500));
        emit(EventType.BOOKING_RESCHEDULED, "case:1", "a2");
        dispatcher.dispatchDue(); // a2 fails: retried after 5 s (±25 %)
        clock.advance(Duration.ofSeconds(10));
        long a1 = webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), DeliveryState.DELIVERED, 1).get(0).id();
        webhooks.resend(a1, List.of(CITY)); // due now, after a2's retry: a2 comes first in due order, but waits

        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(receiver.requests()).extracting(r -> r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"))
                .containsExactly("a1", "a2", "a1", "a2");
        assertThat(world.deliveryState("a2")).isEqualTo("DELIVERED");
    }

    @Test
    void twoEventsOfACaseQueuedByConcurrentTransactionsStillGoOneAfterTheOtherInOrder() throws Exception {
        java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        Thread first = new Thread(() -> world.tx.executeWithoutResult(s -> {
            webhooks.emit(event(EventType.BOOKING_CREATED, "case:9", "c1", clock.instant(), COUNTY, CITY, PROVINCE));
            inserted.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        first.start();
        inserted.await();
        emit(EventType.BOOKING_RESCHEDULED, "case:9", "c2"); // commits first; c1 is not visible to it: both heads
        commit.countDown();
        first.join();

        receiver.then(Answer.status(500));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1); // c1 fails; c2, due before c1's retry, waits for it
        assertThat(world.deliveryState("c2")).isEqualTo("PENDING");
        clock.advance(Duration.ofSeconds(7));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(receiver.requests()).extracting(r -> r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"))
                .containsExactly("c1", "c1", "c2");
    }

    @Test
    void anEndpointReceivesOnlyItsTypesAndItsOfficesSubtree() {
        NewSecret county = webhooks.create(COUNTY, new EndpointDraft(receiver.url(), "县", Set.of(
                EventType.BOOKING_CANCELLED), true));
        world.emitWithChange(webhooks, 100, event(EventType.BOOKING_CREATED, null, "x1", T0, COUNTY, CITY, PROVINCE));
        world.emitWithChange(webhooks, 101, event(EventType.BOOKING_CANCELLED, null, "x2", T0, COUNTY, CITY, PROVINCE));
        world.emitWithChange(webhooks, 102, event(EventType.BOOKING_CANCELLED, null, "x3", T0, 6, OTHER_CITY, PROVINCE));
        dispatcher.dispatchDue();
        assertThat(webhooks.deliveries(endpoint.endpoint().id(), List.of(CITY), null, 10)).hasSize(2);
        assertThat(webhooks.deliveries(county.endpoint().id(), List.of(COUNTY), null, 10)).singleElement()
                .satisfies(d -> assertThat(d.eventType()).isEqualTo("booking.cancelled"));
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void administratorsSeeOnlyTheirOfficesEndpointsAndSecretsOnlyMasked() {
        assertThat(webhooks.endpoints(List.of(OTHER_CITY))).isEmpty();
        assertThat(webhooks.endpoint(endpoint.endpoint().id(), List.of(OTHER_CITY))).isEmpty();
        assertThatThrownBy(() -> webhooks.deliveries(endpoint.endpoint().id(), List.of(OTHER_CITY), null, 10))
                .isInstanceOf(WebhookException.EndpointNotFound.class);
        assertThatThrownBy(() -> webhooks.rotateSecret(endpoint.endpoint().id(), List.of(OTHER_CITY)))
                .isInstanceOf(WebhookException.EndpointNotFound.class);
        assertThat(webhooks.endpoints(List.of(CITY, COUNTY))).singleElement().satisfies(e -> {
            assertThat(e.secrets()).singleElement().satisfies(s -> {
                assertThat(s.masked()).isEqualTo(endpoint.secret().masked());
                assertThat(s.masked()).doesNotContain(endpoint.secret().reveal().substring(6, 20));
            });
            assertThat(e.toString()).doesNotContain(endpoint.secret().reveal());
        });
        assertThatThrownBy(() -> webhooks.create(CITY, new EndpointDraft("ftp://x", "", Set.of(), true)))
                .isInstanceOfSatisfying(WebhookException.InvalidEndpoint.class,
                        e -> assertThat(e.field()).isEqualTo("url"));
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneUntilItsGraceEnds() {
        NewSecret rotated = webhooks.rotateSecret(endpoint.endpoint().id(), List.of(CITY));
        assertThat(rotated.endpoint().secrets()).hasSize(2);
        emit(EventType.BOOKING_NO_SHOW, null, "r1");
        dispatcher.dispatchDue();
        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.signature().split(" ")).hasSize(2);
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        long ts = Long.parseLong(r.timestamp());
        assertThat(WebhookSigner.verify(rotated.secret(), r.id(), ts, body, r.signature())).isTrue();
        assertThat(WebhookSigner.verify(endpoint.secret(), r.id(), ts, body, r.signature())).isTrue();

        clock.advance(Duration.ofHours(25));
        emit(EventType.BOOKING_NO_SHOW, null, "r2");
        dispatcher.dispatchDue();
        Receiver.Request later = receiver.requests().get(1);
        assertThat(later.signature().split(" ")).hasSize(1);
        assertThat(WebhookSigner.verify(endpoint.secret(), later.id(), Long.parseLong(later.timestamp()),
                later.body().getBytes(StandardCharsets.UTF_8), later.signature())).isFalse();
    }
}
