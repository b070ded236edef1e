package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.config.DatabaseSettings;
import startupcoach.store.Storage;
import startupcoach.store.TestClock;
import startupcoach.store.TestDatabases;

/** A scheduler stopped, and a new process started on the same SQLite file. */
class SchedulerRestartTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    static Path shared;
    private static Knowledge knowledge;
    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Week.START);
    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void loadKnowledge() {
        knowledge = Knowledge.small(shared);
    }

    @AfterAll
    static void closeKnowledge() throws Exception {
        knowledge.close();
    }

    private DigestScheduler scheduler(String id, Storage storage) {
        return DigestScheduler.builder(storage.digests(), knowledge.composer(), Map.of("slack", sink)).clock(clock).instanceId(id).build();
    }

    private void tickAt(DigestScheduler scheduler, String instant) {
        clock.set(Instant.parse(instant));
        scheduler.tick();
    }

    @Test
    void afterARestartOnTheSameFileSubscriptionsSurviveAndNoSlotIsPostedTwice() {
        DatabaseSettings settings = TestDatabases.settings(TestDatabases.Kind.SQLITE, tmp);
        Storage storage = Storage.open(settings);
        Coach coach = new Coach((m, q) -> Reply.of(ReplyKind.ANSWER, "answer"))
                .register(new DigestCommand(storage.digests(), knowledge.composer(), UTC, clock).asCommand());
        for (String command : List.of("digest daily 09:00 tz=Asia/Shanghai topics=risk", "digest weekly mon 09:00 topics=pricing",
                "digest cron \"0 9 * * 1-5\" topics=team")) {
            assertThat(coach.handle(new IncomingMessage("slack", "C1", "U1", command)).kind()).isEqualTo(ReplyKind.DIGEST);
        }
        DigestScheduler first = scheduler("first", storage);
        for (Instant t = Week.START; t.isBefore(Instant.parse("2025-03-05T08:50:00Z")); t = t.plus(Duration.ofMinutes(10))) {
            tickAt(first, t.toString());
        }
        first.close();
        storage.close();

        // Down for 40 minutes over Wednesday's 09:00 (cron) slot, then a new process on the same file.
        try (Storage reopened = Storage.open(settings)) {
            List<Subscription> subs = reopened.digests().subscriptions().active();
            assertThat(subs).hasSize(3);
            DigestScheduler second = scheduler("second", reopened);
            for (Instant t = Instant.parse("2025-03-05T09:30:00Z"); !t.isAfter(Week.END); t = t.plus(Duration.ofMinutes(10))) {
                tickAt(second, t.toString());
            }
            List<RecordingSink.Slot> expected = new ArrayList<>();
            Week.at(LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai"), EnumSet.allOf(DayOfWeek.class))
                    .forEach(t -> expected.add(new RecordingSink.Slot(subs.get(0).id(), t)));
            Week.at(LocalTime.of(9, 0), UTC, EnumSet.of(DayOfWeek.MONDAY)).forEach(t -> expected.add(new RecordingSink.Slot(subs.get(1).id(), t)));
            Week.at(LocalTime.of(9, 0), UTC, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                    .forEach(t -> expected.add(new RecordingSink.Slot(subs.get(2).id(), t)));
            assertThat(expected).hasSize(7 + 1 + 5);
            assertThat(sink.slots()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            // Wednesday 09:00 fell in the downtime: posted late, once, by the new process.
            assertThat(reopened.digests().slots().claims(subs.get(2).id()))
                    .filteredOn(c -> c.slot().equals(Instant.parse("2025-03-05T09:00:00Z")))
                    .singleElement().extracting(SlotClaim::claimedBy, SlotClaim::postedAt)
                    .containsExactly("second", Instant.parse("2025-03-05T09:30:00Z"));
        }
    }
}
