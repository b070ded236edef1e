package startupcoach.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reading of the settings (the environment with {@code coach.yaml} under it). A value that
 * does not parse is recorded as a problem, naming the variable, what it held and what to write
 * instead, and the default is used in its place, so that {@link #requireValid()} reports every
 * mistake of a configuration at once instead of one per restart. Each settings record reads its
 * variables through one of these; the parsing rules exist once, here.
 *
 * <p>Not thread-safe: one instance reads one configuration, on one thread, at start-up.
 */
public final class Environment {

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    public Environment(Map<String, String> values) {
        this.values = Map.copyOf(Objects.requireNonNull(values, "values == null"));
    }

    /** Reads one settings record from {@code values}, throwing a {@link SettingsException} listing every problem. */
    public static <T> T read(Map<String, String> values, Function<Environment, T> reader) {
        Environment env = new Environment(values);
        T result = reader.apply(env);
        env.requireValid();
        return result;
    }

    /** The raw settings, for the few that are passed on as they are (a database URL). */
    public Map<String, String> values() {
        return values;
    }

    /** The value, stripped; empty when unset or blank. */
    public Optional<String> text(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The value, stripped; null when unset or blank. */
    public String textOrNull(String name) {
        return text(name).orElse(null);
    }

    /** A whole number of at least {@code min}; {@code fallback} when unset. */
    public long number(String name, long fallback, long min) {
        return parsed(name, fallback, v -> {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new IllegalArgumentException();
            }
            return n;
        }, "a whole number ≥ " + min + " (default " + fallback + ")");
    }

    /** {@link #number(String, long, long)} for settings that fit an int. */
    public int number(String name, int fallback, int min) {
        return (int) Math.min(Integer.MAX_VALUE, number(name, (long) fallback, min));
    }

    /** A whole number of {@code unit}s, at least {@code min} of them; {@code fallback} when unset. */
    public Duration duration(String name, Duration fallback, ChronoUnit unit, long min) {
        long dflt = fallback.toNanos() / unit.getDuration().toNanos();
        String unitName = unit == ChronoUnit.MILLIS ? "milliseconds" : unit.name().toLowerCase(Locale.ROOT);
        return parsed(name, fallback, v -> {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new IllegalArgumentException();
            }
            return Duration.of(n, unit);
        }, "a whole number of " + unitName + " ≥ " + min + " (default " + dflt + ")");
    }

    /** true/yes/on/1 or false/no/off/0; {@code fallback} when unset. */
    public boolean flag(String name, boolean fallback) {
        return parsed(name, fallback, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException();
        }, "true or false");
    }

    /** One of the constants of {@code fallback}'s enum, by name in any case; {@code fallback} when unset. */
    public <E extends Enum<E>> E choice(String name, E fallback) {
        E[] constants = fallback.getDeclaringClass().getEnumConstants();
        return parsed(name, fallback, v -> Enum.valueOf(fallback.getDeclaringClass(), v.toUpperCase(Locale.ROOT)),
                "one of: " + String.join(", ", java.util.Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
    }

    /**
     * The value as {@code parser} reads it (it throws {@link IllegalArgumentException}, e.g. a
     * {@link NumberFormatException}, for a value it rejects); {@code fallback} when unset.
     *
     * @param expected what a valid value looks like, for the problem's message
     */
    public <T> T parsed(String name, T fallback, Function<String, T> parser, String expected) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(value.get());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            problem(name + "=" + value.get() + " is not valid; use " + expected);
            return fallback;
        }
    }

    /** Records a problem found outside the typed readers (a malformed list entry, a bad URL). */
    public void problem(String message) {
        problems.add(Objects.requireNonNull(message, "message == null"));
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @throws SettingsException listing every problem recorded so far */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }
}
