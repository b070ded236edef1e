package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import startupcoach.coach.Coach;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.coach.Metrics;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.pipeline.InboxItem;
import startupcoach.pipeline.MemoryInbox;
import startupcoach.pipeline.Outlet;
import startupcoach.pipeline.PendingReply;
import startupcoach.pipeline.Pipeline;

/** What the intake does with a message it cannot take now: nothing is recorded, so a redelivery is new. */
class MessageIntakeTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<String> apologised = new CopyOnWriteArrayList<>();
    private final MessageParser parser = new MessageParser(new ObjectMapper());
    private Pipeline pipeline;

    @AfterEach
    void stop() {
        release.countDown();
        pipeline.close(Duration.ofSeconds(2));
    }

    @Test
    void aMessageRefusedForLackOfRoomIsAcceptedWhenRedeliveredLater() throws Exception {
        MessageIntake intake = intake(new InMemoryDeduplicator(), 1);
        assertThat(intake.accept(message("m1"), "stream")).isEqualTo(MessageIntake.Outcome.ACCEPTED);

        assertThat(intake.accept(message("m2"), "stream")).isEqualTo(MessageIntake.Outcome.OVERLOADED);

        release.countDown();
        waitFor(() -> answered.size() == 1);
        waitUntilAccepted(intake, message("m2"));
        waitFor(() -> answered.contains("m2"));
        assertThat(intake.accept(message("m2"), "stream")).as("and only once").isEqualTo(MessageIntake.Outcome.DUPLICATE);
    }

    @Test
    void aMessageArrivingWhileTheDatabaseIsDownIsNotRecordedAndTheSenderCanBeTold() throws Exception {
        boolean[] down = {true};
        InMemoryDeduplicator memory = new InMemoryDeduplicator();
        MessageIntake intake = intake(key -> {
            if (down[0]) {
                throw new StorageUnavailableException("database operation failed: connection refused", null);
            }
            return memory.firstTime(key);
        }, 4);

        assertThat(intake.accept(message("m3"), "http")).isEqualTo(MessageIntake.Outcome.STORAGE_UNAVAILABLE);
        intake.apologize(message("m3"));
        release.countDown();
        waitFor(() -> apologised.contains("m3"));

        down[0] = false;
        assertThat(intake.accept(message("m3"), "http")).isEqualTo(MessageIntake.Outcome.ACCEPTED);
        waitFor(() -> answered.contains("m3"));
    }

    @Test
    void theReplyAddressCarriesTheWholeMessageToTheWorker() throws Exception {
        MessageIntake intake = intake(new InMemoryDeduplicator(), 4);
        release.countDown();

        intake.accept(message("m4"), "http");

        waitFor(() -> answered.contains("m4"));
        assertThat(parser.parse(addresses.get(0))).isEqualTo(message("m4"));
    }

    private final List<String> addresses = new CopyOnWriteArrayList<>();

    private MessageIntake intake(Deduplicator dedupe, int maxPending) {
        Outlet outlet = new Outlet() {
            @Override
            public void deliver(InboxItem item, PendingReply reply, Progress progress) throws InterruptedException {
                release.await(10, TimeUnit.SECONDS);
                addresses.add(item.inbound().replyAddress());
                answered.add(item.key().substring("dingtalk:msg:".length()));
            }

            @Override
            public Answered alreadyAnswered(InboxItem item) {
                return Answered.UNKNOWN;
            }
        };
        Coach coach = new Coach((m, a) -> Reply.of(ReplyKind.ANSWER, "ok"));
        pipeline = new Pipeline(DingTalkBot.PLATFORM, new MemoryInbox(dedupe, Clock.systemUTC()), coach, outlet,
                Pipeline.Settings.of(1, 1, maxPending), "test", Clock.systemUTC(), Metrics.NONE);
        pipeline.start();
        return new MessageIntake(pipeline, parser, Clock.systemUTC(), m -> apologised.add(m.msgId()));
    }

    private static void waitUntilAccepted(MessageIntake intake, DingTalkMessage m) throws InterruptedException {
        // The room is given back just after the answer is recorded: a moment later there is room.
        for (int i = 0; i < 100; i++) {
            if (intake.accept(m, "stream") == MessageIntake.Outcome.ACCEPTED) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never accepted " + m.msgId());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static DingTalkMessage message(String id) {
        return new DingTalkMessage(id, "text", "价格战怎么打？", System.currentTimeMillis() / 1000 * 1000, DingTalkMessage.GROUP, "cid1",
                "群", "$:LWCP_v1:$u1", "张三", "u1", "bot", "http://127.0.0.1:1/session", 0, "robot", List.of("u9"));
    }
}
