package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The room's media order: steps one after another, and steps beside each other (the admission's resumes). */
class MediaChainTest {

    final MediaChain chain = new MediaChain(new ReentrantLock());
    final List<String> started = new CopyOnWriteArrayList<>();

    CompletableFuture<Void> step(String name, CompletableFuture<Void> done) {
        started.add(name);
        return done;
    }

    @Test
    void stepsBesideEachOtherOnDifferentKeysStartTogetherAndTheNextStepWaitsForAll() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> a = new CompletableFuture<>();
        CompletableFuture<Void> b = new CompletableFuture<>();
        chain.append(() -> step("first", first), e -> { });
        chain.appendBeside("pet", () -> step("a", a), e -> { });
        chain.appendBeside("host", () -> step("b", b), e -> { });
        chain.append(() -> step("after", CompletableFuture.completedFuture(null)), e -> { });
        assertThat(started).containsExactly("first");

        first.complete(null);
        assertThat(started).as("both resumes out, neither answered").containsExactly("first", "a", "b");

        b.complete(null);
        assertThat(started).doesNotContain("after");
        a.completeExceptionally(new IllegalStateException("failed"));
        assertThat(started).last().isEqualTo("after");
        assertThat(chain.idle()).isDone();
    }

    @Test
    void stepsBesideOnTheSameKeyOrAfterAnOrdinaryStepWaitAsUsual() {
        CompletableFuture<Void> a = new CompletableFuture<>();
        CompletableFuture<Void> b = new CompletableFuture<>();
        chain.appendBeside("pet", () -> step("a", a), e -> { });
        chain.appendBeside("pet", () -> step("a again", b), e -> { });
        assertThat(started).containsExactly("a");
        a.complete(null);
        assertThat(started).containsExactly("a", "a again");

        CompletableFuture<Void> c = new CompletableFuture<>();
        chain.append(() -> step("plain", c), e -> { });
        chain.appendBeside("host", () -> step("beside plain", CompletableFuture.completedFuture(null)), e -> { });
        b.complete(null);
        assertThat(started).as("a step beside only others appended beside").last().isEqualTo("plain");
        c.complete(null);
        assertThat(started).last().isEqualTo("beside plain");
    }
}
