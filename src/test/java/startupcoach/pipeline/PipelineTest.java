package startupcoach.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.coach.Coach;
import startupcoach.coach.Metrics;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.config.DatabaseSettings;
import startupcoach.store.Database;
import startupcoach.store.JdbcDeduplicator;
import startupcoach.store.JdbcInbox;
import startupcoach.store.TestClock;

/** The pipeline over a real SQLite file: what is acknowledged is answered, once, across a "crash" (a pipeline never closed). */
class PipelineTest {

    private static final String REPLICA = "host-a:/data";

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Instant.now());
    private final Coach coach = new Coach((m, args) -> Reply.of(ReplyKind.ANSWER, "answer to " + m.text()));
    private final FakeOutlet outlet = new FakeOutlet();
    private Database db;
    private JdbcInbox inbox;
    private Pipeline pipeline;

    @AfterEach
    void stop() {
        outlet.gate.countDown();
        if (pipeline != null) {
            pipeline.close(Duration.ofSeconds(2));
        }
        db.close();
    }

    @Test
    void anAcceptedMessageIsAnsweredOnceAndARepeatIsADuplicate() throws Exception {
        openInbox();
        pipeline = pipeline(Pipeline.Settings.of(2, 1, 8));
        pipeline.start();

        assertThat(pipeline.accept(inbound("Ev1", "pricing?", clock.instant()))).isEqualTo(Admission.ACCEPTED);
        assertThat(pipeline.accept(inbound("Ev1", "pricing?", clock.instant()))).isEqualTo(Admission.DUPLICATE);

        outlet.awaitDeliveries(1);
        assertThat(outlet.delivered).containsExactly("slack:event:Ev1=answer to pricing?");
        awaitUnfinished(0);
    }

    @Test
    void whatADeadProcessAcknowledgedIsAnsweredByTheNextStart() throws Exception {
        openInbox();
        // The first life accepted two messages and took one, then died (never closed, its workers gone).
        inbox.accept(inbound("Ev1", "one", clock.instant()));
        inbox.accept(inbound("Ev2", "two", clock.instant()));
        inbox.claim("slack", REPLICA, Duration.ofMinutes(1)).orElseThrow();

        pipeline = pipeline(Pipeline.Settings.of(2, 1, 8));
        pipeline.start();

        outlet.awaitDeliveries(2);
        assertThat(outlet.delivered).containsExactlyInAnyOrder("slack:event:Ev1=answer to one", "slack:event:Ev2=answer to two");
        assertThat(outlet.asked).as("only the item an earlier attempt had taken is checked").containsExactly("slack:event:Ev1");
    }

    @Test
    void aResumedItemThePlatformShowsAnsweredIsNotSentAgain() throws Exception {
        openInbox();
        long id = acceptedAndCutShort("Ev1", true);
        outlet.answered.put("slack:event:Ev1", Outlet.Answered.YES);

        pipeline = pipeline(Pipeline.Settings.of(1, 1, 8));
        pipeline.start();

        awaitOutcome(id, "already_answered");
        assertThat(outlet.delivered).isEmpty();
    }

    @Test
    void whereThePlatformCannotTellAStartedAttemptIsNotRepeatedButOneNeverStartedIsAnswered() throws Exception {
        openInbox();
        long started = acceptedAndCutShort("Ev1", true);
        long notStarted = acceptedAndCutShort("Ev2", false);
        outlet.answered.put("slack:event:Ev1", Outlet.Answered.UNKNOWN);
        outlet.answered.put("slack:event:Ev2", Outlet.Answered.UNKNOWN);

        pipeline = pipeline(Pipeline.Settings.of(1, 1, 8));
        pipeline.start();

        awaitOutcome(started, "maybe_lost");
        awaitOutcome(notStarted, "answered");
        assertThat(outlet.delivered).containsExactly("slack:event:Ev2=answer to q");
    }

    @Test
    void aQuestionOlderThanTheResumeWindowGetsOneApologyAndAMuchOlderOneIsDropped() throws Exception {
        openInbox();
        inbox.accept(inbound("Late", "q", clock.instant().minus(Duration.ofMinutes(30))));
        inbox.accept(inbound("Ancient", "q", clock.instant().minus(Duration.ofHours(3))));

        pipeline = pipeline(Pipeline.Settings.of(1, 1, 8).withAges(Duration.ofMinutes(10), Duration.ofHours(1)));
        pipeline.start();

        outlet.awaitDeliveries(1);
        awaitUnfinished(0);
        assertThat(outlet.delivered).containsExactly("slack:event:Late=" + Pipeline.LATE_APOLOGY);
    }

    @Test
    void pastMaxPendingNothingIsRecordedSoTheRedeliveryIsTakenLater() throws Exception {
        openInbox();
        outlet.blocked = true;
        pipeline = pipeline(Pipeline.Settings.of(1, 1, 1));
        pipeline.start();
        assertThat(pipeline.accept(inbound("Ev1", "one", clock.instant()))).isEqualTo(Admission.ACCEPTED);

        assertThat(pipeline.accept(inbound("Ev2", "two", clock.instant()))).isEqualTo(Admission.OVERLOADED);

        outlet.gate.countDown();
        outlet.awaitDeliveries(1);
        awaitUnfinished(0);
        assertThat(pipeline.accept(inbound("Ev2", "two", clock.instant()))).as("not recorded as seen").isEqualTo(Admission.ACCEPTED);
        outlet.awaitDeliveries(2);
    }

    @Test
    void closingDrainsWhatIsPendingAndThenRefusesNewMessages() throws Exception {
        openInbox();
        outlet.blocked = true;
        pipeline = pipeline(Pipeline.Settings.of(1, 1, 8));
        pipeline.start();
        for (int i = 0; i < 3; i++) {
            pipeline.accept(inbound("Ev" + i, "q" + i, clock.instant()));
        }
        outlet.gate.countDown();

        pipeline.close(Duration.ofSeconds(20));

        assertThat(outlet.delivered).hasSize(3);
        assertThat(inbox.unfinished("slack")).isZero();
        assertThat(pipeline.accept(inbound("Ev9", "q", clock.instant()))).isEqualTo(Admission.CLOSED);
    }

    private long acceptedAndCutShort(String event, boolean started) {
        inbox.accept(inbound(event, "q", clock.instant()));
        InboxItem item = inbox.claim("slack", REPLICA, Duration.ofMinutes(1)).orElseThrow();
        if (started) {
            inbox.started(item.id());
        }
        return item.id();
    }

    private void openInbox() {
        db = Database.open(DatabaseSettings.sqlite(tmp.resolve("coach.db")));
        inbox = new JdbcInbox(db, new JdbcDeduplicator(db, Duration.ofHours(1), clock));
    }

    private Pipeline pipeline(Pipeline.Settings settings) {
        return new Pipeline("slack", inbox, coach, outlet, settings, REPLICA, clock, Metrics.NONE);
    }

    private Inbound inbound(String event, String text, Instant at) {
        return new Inbound("slack", "C1", null, "U1", text, List.of("slack:event:" + event), at, "{}");
    }

    private void awaitUnfinished(int n) throws InterruptedException {
        for (int i = 0; i < 500 && inbox.unfinished("slack") != n; i++) {
            Thread.sleep(10);
        }
        assertThat(inbox.unfinished("slack")).isEqualTo(n);
    }

    private void awaitOutcome(long id, String outcome) throws InterruptedException {
        for (int i = 0; i < 500 && inbox.outcome(id).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(inbox.outcome(id)).contains(outcome);
    }

    /** Records deliveries as "key=reply text"; answers alreadyAnswered from a map (default NO). */
    private static final class FakeOutlet implements Outlet {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<String> asked = new CopyOnWriteArrayList<>();
        final Map<String, Answered> answered = new ConcurrentHashMap<>();
        final CountDownLatch gate = new CountDownLatch(1);
        volatile boolean blocked;

        @Override
        public void deliver(InboxItem item, PendingReply reply, Progress progress) throws InterruptedException {
            if (blocked) {
                gate.await(10, TimeUnit.SECONDS);
            }
            progress.started();
            delivered.add(item.key() + "=" + reply.get().text());
            synchronized (this) {
                notifyAll();
            }
        }

        @Override
        public Answered alreadyAnswered(InboxItem item) {
            asked.add(item.key());
            return answered.getOrDefault(item.key(), Answered.NO);
        }

        synchronized void awaitDeliveries(int n) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered.size() < n && System.nanoTime() < until) {
                wait(100);
            }
            assertThat(delivered).hasSizeGreaterThanOrEqualTo(n);
        }
    }
}
