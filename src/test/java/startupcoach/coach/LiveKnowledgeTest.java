package startupcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.knowledge.BrokenFileException;

/** The swap itself: snapshots held by answers in flight, reference-counted retirement, single-flight reloads. */
class LiveKnowledgeTest {

    /** A snapshot that only records whether it was closed. */
    static class Fake implements KnowledgeSnapshot {
        final String name;
        final AtomicInteger closed = new AtomicInteger();

        Fake(String name) {
            this.name = name;
        }

        @Override
        public int files() {
            return 1;
        }

        @Override
        public int sections() {
            return 3;
        }

        @Override
        public int passages() {
            return 4;
        }

        @Override
        public String fingerprint() {
            return "fp-" + name;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void answerInFlightKeepsItsSnapshotAndTheOldOneClosesWhenItFinishes() throws Exception {
        Fake old = new Fake("old");
        Fake fresh = new Fake("new");
        LiveKnowledge<Fake> live = new LiveKnowledge<>(old);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> live.apply(s -> {
            started.countDown();
            await(finish);
            return s.name + (s.closed.get() == 0 ? " open" : " closed");
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        live.swap(fresh);

        assertThat(live.<String>apply(s -> s.name)).as("a question after the swap").isEqualTo("new");
        assertThat(old.closed).as("still in use").hasValue(0);
        finish.countDown();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("old open");
        assertThat(old.closed).as("closed once, by the last user").hasValue(1);
        assertThat(fresh.closed).hasValue(0);
        assertThat(live.generation()).isEqualTo(1);
    }

    @Test
    void snapshotWithoutUsersClosesAtTheSwapAndTheLastOneAtClose() {
        Fake old = new Fake("old");
        Fake fresh = new Fake("new");
        LiveKnowledge<Fake> live = new LiveKnowledge<>(old);
        live.swap(fresh);
        assertThat(old.closed).hasValue(1);
        live.close();
        live.close();
        assertThat(fresh.closed).hasValue(1);
        assertThatThrownBy(() -> live.apply(s -> s.name)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestsDuringAReloadRunOnceMoreAfterItNeverTwoAtOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), "# A\n\ntext\n");
        LiveKnowledge<Fake> live = new LiveKnowledge<>(new Fake("start"));
        CountDownLatch firstBuilding = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        try (KnowledgeReloader<Fake> reloader = new KnowledgeReloader<>(live, dir, () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            int n = builds.incrementAndGet();
            if (n == 1) {
                firstBuilding.countDown();
                await(releaseFirst);
            }
            running.decrementAndGet();
            return new Fake("build" + n);
        })) {
            CompletableFuture<ReloadResult> first = reloader.request(KnowledgeReloader.ADMIN);
            assertThat(firstBuilding.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<ReloadResult>> during = List.of(reloader.request("watch"), reloader.request(KnowledgeReloader.ADMIN),
                    reloader.request("poll"));
            assertThat(during).as("joined one queued run").allMatch(f -> f == during.get(0));
            releaseFirst.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ReloadResult.Outcome.DONE);
            ReloadResult second = during.get(0).get(5, TimeUnit.SECONDS);
            assertThat(second.outcome()).isEqualTo(ReloadResult.Outcome.DONE);
            assertThat(second.sections()).isEqualTo(3);
            assertThat(builds).as("the first run and exactly one more").hasValue(2);
            assertThat(maxRunning).hasValue(1);
            assertThat(live.<String>apply(s -> s.name)).isEqualTo("build2");
        }
    }

    @Test
    void brokenFileKeepsTheSnapshotInServiceAndNamesFileAndLine(@TempDir Path dir) throws Exception {
        Fake start = new Fake("start");
        LiveKnowledge<Fake> live = new LiveKnowledge<>(start);
        try (KnowledgeReloader<Fake> reloader = new KnowledgeReloader<>(live, dir, () -> {
            throw new BrokenFileException("bad.md", 7, "not valid UTF-8");
        })) {
            ReloadResult r = reloader.request(KnowledgeReloader.ADMIN).get(5, TimeUnit.SECONDS);
            assertThat(r.ok()).isFalse();
            assertThat(r.location()).isEqualTo("bad.md:7");
            assertThat(r.reason()).isEqualTo("not valid UTF-8");
            assertThat(live.<Fake>apply(s -> s)).isSameAs(start);
            assertThat(start.closed).hasValue(0);
        }
    }

    @Test
    void watcherTriggerIsSkippedWhenTheFilesAreWhatIsServed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), "# A\n\ntext\n");
        String served = startupcoach.knowledge.KnowledgeFiles.fingerprint(dir);
        Fake start = new Fake("start") {
            @Override
            public String fingerprint() {
                return served;
            }
        };
        AtomicInteger builds = new AtomicInteger();
        try (KnowledgeReloader<Fake> reloader = new KnowledgeReloader<>(new LiveKnowledge<>(start), dir, () -> {
            builds.incrementAndGet();
            return new Fake("b");
        })) {
            assertThat(reloader.request("poll").get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
            assertThat(builds).hasValue(0);
            assertThat(reloader.request(KnowledgeReloader.ADMIN).get(5, TimeUnit.SECONDS).outcome())
                    .as("an admin always rebuilds").isEqualTo(ReloadResult.Outcome.DONE);
        }
    }

    @Test
    void reloadCommandAnswersAdminsAndRefusesOthersNamingTheAdmins(@TempDir Path dir) throws Exception {
        LiveKnowledge<Fake> live = new LiveKnowledge<>(new Fake("start"));
        AtomicInteger builds = new AtomicInteger();
        try (KnowledgeReloader<Fake> reloader = new KnowledgeReloader<>(live, dir, () -> {
            builds.incrementAndGet();
            return new Fake("b");
        })) {
            Coach coach = new Coach((m, q) -> Reply.of(ReplyKind.ANSWER, "answer"))
                    .register(new ReloadCommand(reloader, new Admins(java.util.Set.of("dingtalk:staff42", "slack:UADMIN")))
                            .asCommand());

            Reply refused = coach.handle(new IncomingMessage("dingtalk", "cid1", "staff7", "reload"));
            assertThat(refused.kind()).isEqualTo(ReplyKind.ERROR);
            assertThat(refused.text()).contains("only an admin").contains("staff42").doesNotContain("UADMIN");
            assertThat(builds).hasValue(0);

            Reply done = coach.handle(new IncomingMessage("dingtalk", "cid1", "staff42", "reload"));
            assertThat(done.kind()).isEqualTo(ReplyKind.ADMIN);
            assertThat(done.text()).matches("Re-indexing… done: 3 sections from 1 files in \\d+\\.\\d s\\.");
            assertThat(coach.handle(IncomingMessage.fromCli("reload")).kind()).as("the terminal user").isEqualTo(ReplyKind.ADMIN);
            assertThat(builds).hasValue(2);
            assertThat(coach.handle(new IncomingMessage("slack", "C1", "U1", "reload")).text())
                    .contains("ask the admin, UADMIN");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
