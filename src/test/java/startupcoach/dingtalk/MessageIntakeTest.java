package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.coach.StorageUnavailableException;

/** What the intake does with a message it cannot take now: nothing is recorded, so a redelivery is new. */
class MessageIntakeTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<String> apologised = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        workers.shutdownNow();
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
        MessageIntake.Outcome again = MessageIntake.Outcome.OVERLOADED;
        for (int i = 0; i < 100 && again == MessageIntake.Outcome.OVERLOADED; i++) {
            Thread.sleep(20); // the permit comes back just after the answer
            again = intake.accept(message("m2"), "stream");
        }
        assertThat(again).as("and only once").isEqualTo(MessageIntake.Outcome.DUPLICATE);
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

    private MessageIntake intake(startupcoach.coach.Deduplicator dedupe, int maxPending) {
        return new MessageIntake(dedupe, Duration.ofMinutes(10), Clock.systemUTC(), workers, maxPending, m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.add(m.msgId());
        }, m -> apologised.add(m.msgId()));
    }

    private static void waitUntilAccepted(MessageIntake intake, DingTalkMessage m) throws InterruptedException {
        // The permit is returned just after the answer is recorded: a moment later there is room.
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
        return new DingTalkMessage(id, "text", "价格战怎么打？", System.currentTimeMillis(), DingTalkMessage.GROUP, "cid1", "群",
                "$:LWCP_v1:$u1", "张三", "u1", "bot", "http://127.0.0.1:1/session", 0, "robot", List.of());
    }
}
