package startupcoach.digest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The simulated week the multi-scheduler tests run through, and its expected slots worked out by hand. */
final class Week {

    /** Monday 2025-03-03 00:00 UTC: the subscriptions are made here. */
    static final Instant START = Instant.parse("2025-03-03T00:00:00Z");
    /** Sunday 2025-03-09 23:59 UTC: the last tick. */
    static final Instant END = Instant.parse("2025-03-09T23:59:00Z");

    private Week() {
    }

    /** Local {@code time} on each day of the week in {@code zone} whose weekday is in {@code days}, as instants within the week. */
    static List<Instant> at(LocalTime time, ZoneId zone, Set<DayOfWeek> days) {
        List<Instant> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 3, 2); d.isBefore(LocalDate.of(2025, 3, 11)); d = d.plusDays(1)) {
            Instant t = d.atTime(time).atZone(zone).toInstant();
            if (days.contains(d.getDayOfWeek()) && t.isAfter(START) && !t.isAfter(END)) {
                out.add(t);
            }
        }
        return out;
    }

    static List<Instant> every(Duration step, Instant first) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = first; !t.isAfter(END); t = t.plus(step)) {
            out.add(t);
        }
        return out;
    }
}
