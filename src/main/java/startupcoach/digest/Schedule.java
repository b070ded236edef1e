package startupcoach.digest;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When a digest is due: daily at a time, weekly on some days at a time, or a UNIX cron
 * expression ({@code minute hour day-of-month month day-of-week}). All three are stepped by
 * cron-utils in the subscription's zone, so daylight-saving changes keep the local time.
 *
 * <p>Immutable and thread-safe. A cron schedule fires at most once an hour ({@link #MIN_INTERVAL})
 * unless the operator allows less ({@code COACH_DIGEST_MIN_INTERVAL_MINUTES}): a digest is a
 * summary, not a feed.
 */
public final class Schedule {

    /** How a schedule was written; storage keeps it beside {@link #expression()}. */
    public enum Kind { DAILY, WEEKLY, CRON }

    public static final Duration MIN_INTERVAL = Duration.ofHours(1);
    /** Firings {@link #cron(String)} inspects for the minimum interval: two days of an hourly schedule. */
    private static final int INTERVAL_PROBES = 48;
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final Kind kind;
    private final String expression;
    private final String cron;
    private final ExecutionTime execution;

    private Schedule(Kind kind, String expression, String cron) {
        this.kind = kind;
        this.expression = expression;
        this.cron = cron;
        this.execution = ExecutionTime.forCron(parse(cron));
    }

    /** Every day at {@code at} (whole minutes). */
    public static Schedule daily(LocalTime at) {
        LocalTime t = at.truncatedTo(ChronoUnit.MINUTES);
        return new Schedule(Kind.DAILY, hhmm(t), t.getMinute() + " " + t.getHour() + " * * *");
    }

    /** On each of {@code days} at {@code at}. */
    public static Schedule weekly(java.util.Set<DayOfWeek> days, LocalTime at) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a weekly schedule needs at least one day");
        }
        LocalTime t = at.truncatedTo(ChronoUnit.MINUTES);
        SortedSet<DayOfWeek> sorted = new TreeSet<>(days);
        String names = sorted.stream().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
        // UNIX cron counts Sunday as 0; java.time as 7.
        String numbers = sorted.stream().map(d -> String.valueOf(d.getValue() % 7)).collect(Collectors.joining(","));
        return new Schedule(Kind.WEEKLY, names + " " + hhmm(t), t.getMinute() + " " + t.getHour() + " * * " + numbers);
    }

    /**
     * A UNIX cron expression, five fields.
     *
     * @throws IllegalArgumentException with a message for the user when it is not valid cron, never
     *                                  fires, or fires more often than once an hour
     */
    public static Schedule cron(String expression) {
        return cron(expression, MIN_INTERVAL);
    }

    /**
     * A UNIX cron expression whose firings are at least {@code minInterval} apart.
     *
     * @throws IllegalArgumentException with a message for the user when it is not valid cron, never
     *                                  fires, or fires more often than {@code minInterval}
     */
    public static Schedule cron(String expression, Duration minInterval) {
        Objects.requireNonNull(minInterval, "minInterval == null");
        Schedule s = unchecked(expression);
        s.checkInterval(minInterval);
        return s;
    }

    private static Schedule unchecked(String expression) {
        String normalized = expression.strip().replaceAll("\\s+", " ");
        return new Schedule(Kind.CRON, normalized, normalized);
    }

    /**
     * Rebuilds a stored schedule (checked when it was made, so not checked again).
     *
     * @throws IllegalArgumentException when the stored form is invalid
     */
    public static Schedule restore(String kind, String expression) {
        Kind k;
        try {
            k = Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule kind " + kind, e);
        }
        return switch (k) {
            case CRON -> unchecked(expression);
            case DAILY -> daily(LocalTime.parse(expression));
            case WEEKLY -> {
                String[] parts = expression.split(" ");
                java.util.Set<DayOfWeek> days = new java.util.HashSet<>();
                for (String d : parts[0].split(",")) {
                    days.add(DigestArgs.dayOfWeek(d).orElseThrow(() -> new IllegalArgumentException("bad day " + d)));
                }
                yield weekly(days, LocalTime.parse(parts[1]));
            }
        };
    }

    private static Cron parse(String cron) {
        try {
            Cron parsed = PARSER.parse(cron);
            parsed.validate();
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\u201C" + cron + "\u201D is not a UNIX cron expression (minute hour day-of-month month"
                    + " day-of-week, e.g. \"0 9 * * 1-5\"): " + e.getMessage(), e);
        }
    }

    private void checkInterval(Duration minInterval) {
        ZonedDateTime t = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        Optional<ZonedDateTime> previous = execution.nextExecution(t);
        if (previous.isEmpty()) {
            throw new IllegalArgumentException("\u201C" + cron + "\u201D never fires");
        }
        for (int i = 0; i < INTERVAL_PROBES; i++) {
            Optional<ZonedDateTime> next = execution.nextExecution(previous.get());
            if (next.isEmpty()) {
                return;
            }
            if (Duration.between(previous.get(), next.get()).compareTo(minInterval) < 0) {
                throw new IllegalArgumentException("\u201C" + cron + "\u201D fires more often than " + rate(minInterval)
                        + "; a digest needs at least that long between posts (e.g. \"0 9 * * 1-5\" for 09:00 on weekdays)");
            }
            previous = next;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** As stored and shown: {@code 09:00}, {@code mon,thu 09:00}, or the cron expression. */
    public String expression() {
        return expression;
    }

    /** The UNIX cron expression this schedule runs on. */
    public String cronExpression() {
        return cron;
    }

    /** The first firing strictly after {@code t}, in {@code zone}. */
    public Optional<Instant> nextAfter(Instant t, ZoneId zone) {
        return execution.nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The last firing at or before {@code t}, in {@code zone}. */
    public Optional<Instant> lastAtOrBefore(Instant t, ZoneId zone) {
        // Firings are whole minutes; asking just after t makes t itself count.
        Optional<Instant> candidate = execution.lastExecution(t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone))
                .map(ZonedDateTime::toInstant);
        while (candidate.isPresent() && candidate.get().isAfter(t)) {
            candidate = execution.lastExecution(candidate.get().atZone(zone)).map(ZonedDateTime::toInstant);
        }
        return candidate;
    }

    /** Firings in {@code (after, until]}, oldest first, at most {@code max}. */
    public List<Instant> between(Instant after, Instant until, ZoneId zone, int max) {
        List<Instant> out = new ArrayList<>();
        Optional<Instant> next = nextAfter(after, zone);
        while (next.isPresent() && !next.get().isAfter(until) && out.size() < max) {
            out.add(next.get());
            next = nextAfter(next.get(), zone);
        }
        return out;
    }

    /** For people: {@code daily at 09:00}, {@code weekly on mon,thu at 09:00}, {@code cron "0 9 * * 1-5"}. */
    public String describe() {
        return switch (kind) {
            case DAILY -> "daily at " + expression;
            case WEEKLY -> {
                String[] parts = expression.split(" ");
                yield "weekly on " + parts[0] + " at " + parts[1];
            }
            case CRON -> "cron \"" + expression + "\"";
        };
    }

    /** {@code once an hour}, {@code once every 2 hours}, {@code once a minute}, {@code once every 5 minutes}. */
    private static String rate(Duration d) {
        if (d.toMinutesPart() == 0 && d.toHours() > 0) {
            return d.toHours() == 1 ? "once an hour" : "once every " + d.toHours() + " hours";
        }
        return d.toMinutes() <= 1 ? "once a minute" : "once every " + d.toMinutes() + " minutes";
    }

    private static String hhmm(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && s.kind == kind && s.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, expression);
    }

    @Override
    public String toString() {
        return describe();
    }
}
