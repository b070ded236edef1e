package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");

    @Test
    void dailyFiresAtTheLocalTimeOfItsZone() {
        Schedule s = Schedule.daily(LocalTime.of(9, 0));
        assertThat(s.nextAfter(MONDAY, SHANGHAI)).contains(Instant.parse("2025-03-03T01:00:00Z"));
        assertThat(s.nextAfter(Instant.parse("2025-03-03T01:00:00Z"), SHANGHAI)).contains(Instant.parse("2025-03-04T01:00:00Z"));
        assertThat(s.describe()).isEqualTo("daily at 09:00");
    }

    @Test
    void dailyKeepsItsLocalTimeAcrossADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Schedule s = Schedule.daily(LocalTime.of(9, 0));
        assertThat(s.between(Instant.parse("2025-03-29T00:00:00Z"), Instant.parse("2025-03-31T00:00:00Z"), berlin, 10))
                .containsExactly(Instant.parse("2025-03-29T08:00:00Z"), Instant.parse("2025-03-30T07:00:00Z"));
    }

    @Test
    void weeklyFiresOnItsDaysOnly() {
        Schedule s = Schedule.weekly(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), LocalTime.of(9, 0));
        assertThat(s.expression()).isEqualTo("mon,thu 09:00");
        assertThat(s.between(MONDAY, MONDAY.plusSeconds(7 * 86400), UTC, 10))
                .containsExactly(Instant.parse("2025-03-03T09:00:00Z"), Instant.parse("2025-03-06T09:00:00Z"));
        Schedule sunday = Schedule.weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.of(18, 30));
        assertThat(sunday.nextAfter(MONDAY, UTC)).contains(Instant.parse("2025-03-09T18:30:00Z"));
    }

    @Test
    void cronWeekdaysFireFiveTimesAWeek() {
        Schedule s = Schedule.cron("0  9 * * 1-5");
        assertThat(s.expression()).isEqualTo("0 9 * * 1-5");
        assertThat(s.between(MONDAY, MONDAY.plusSeconds(7 * 86400), SHANGHAI, 10)).hasSize(5)
                .first().isEqualTo(Instant.parse("2025-03-03T01:00:00Z"));
    }

    @Test
    void lastAtOrBeforeCountsTheInstantItself() {
        Schedule s = Schedule.daily(LocalTime.of(9, 0));
        Instant nine = Instant.parse("2025-03-04T09:00:00Z");
        assertThat(s.lastAtOrBefore(nine, UTC)).contains(nine);
        assertThat(s.lastAtOrBefore(nine.minusMillis(1), UTC)).contains(Instant.parse("2025-03-03T09:00:00Z"));
        assertThat(s.lastAtOrBefore(nine.plusMillis(500), UTC)).contains(nine);
    }

    @Test
    void storedFormsRestoreToEqualSchedules() {
        for (Schedule s : new Schedule[]{Schedule.daily(LocalTime.of(7, 5)),
                Schedule.weekly(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.WEDNESDAY), LocalTime.of(23, 59)), Schedule.cron("15 8 1 * *")}) {
            Schedule restored = Schedule.restore(s.kind().name(), s.expression());
            assertThat(restored).isEqualTo(s);
            assertThat(restored.cronExpression()).isEqualTo(s.cronExpression());
        }
    }

    @Test
    void cronThatIsInvalidTooFrequentOrNeverFiresIsRejectedWithAReason() {
        assertThatThrownBy(() -> Schedule.cron("0 25 * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a UNIX cron expression");
        assertThatThrownBy(() -> Schedule.cron("0 9 * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Schedule.cron("*/5 * * * *")).hasMessageContaining("more often than once an hour");
        assertThatThrownBy(() -> Schedule.cron("0 0 31 2 *")).hasMessageContaining("never fires");
        assertThat(Schedule.cron("0 */6 * * *").cronExpression()).isEqualTo("0 */6 * * *");
    }

    @Test
    void theOperatorMayAllowMoreFrequentCronSchedules() {
        Schedule everyMinute = Schedule.cron("* * * * *", Duration.ofMinutes(1));
        Instant t = Instant.parse("2025-03-03T09:00:30Z");
        assertThat(everyMinute.between(t, t.plusSeconds(120), UTC, 10))
                .containsExactly(Instant.parse("2025-03-03T09:01:00Z"), Instant.parse("2025-03-03T09:02:00Z"));
        assertThatThrownBy(() -> Schedule.cron("*/5 * * * *", Duration.ofMinutes(10)))
                .hasMessageContaining("more often than once every 10 minutes");
        assertThatThrownBy(() -> Schedule.cron("* * * * *", Duration.ofHours(2))).hasMessageContaining("once every 2 hours");
    }
}
