package startupcoach.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Knowledge changes without a restart, read once from the environment.
 *
 * @param admins       {@code COACH_ADMINS}: who may send {@code reload}, as comma-separated
 *                     {@code platform:userId} entries, e.g. {@code slack:U0123ABCD,dingtalk:staff42}
 *                     (the Slack member id; the DingTalk staff id); default nobody (the terminal user
 *                     of {@code chat} always may)
 * @param watch        {@code COACH_RELOAD_WATCH}: {@code serve} re-indexes by itself when the knowledge
 *                     directory changes; {@code true} (default) or {@code false}
 * @param pollInterval {@code COACH_RELOAD_POLL_SECONDS}: how often {@code serve} also compares the files'
 *                     content, for file systems whose change events do not arrive (some network
 *                     shares, bind mounts); default {@value #DEFAULT_POLL_SECONDS}, 0 turns polling off
 */
public record ReloadSettings(Set<String> admins, boolean watch, Duration pollInterval) {

    public static final int DEFAULT_POLL_SECONDS = 30;

    public ReloadSettings {
        admins = Set.copyOf(admins);
        Objects.requireNonNull(pollInterval, "pollInterval == null");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("the poll interval must not be negative");
        }
    }

    public static ReloadSettings defaults() {
        return new ReloadSettings(Set.of(), true, Duration.ofSeconds(DEFAULT_POLL_SECONDS));
    }

    /** @throws IllegalArgumentException naming the variable when a value cannot be used */
    public static ReloadSettings fromEnvironment(Map<String, String> env) {
        return Environment.read(env, ReloadSettings::from);
    }

    public static ReloadSettings from(Environment env) {
        return new ReloadSettings(admins(env), env.flag("COACH_RELOAD_WATCH", true),
                env.duration("COACH_RELOAD_POLL_SECONDS", Duration.ofSeconds(DEFAULT_POLL_SECONDS), ChronoUnit.SECONDS, 0));
    }

    private static Set<String> admins(Environment env) {
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : env.text("COACH_ADMINS").orElse("").split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                env.problem("COACH_ADMINS entry \u201C" + e + "\u201D is not platform:userId;"
                        + " write e.g. COACH_ADMINS=slack:U0123ABCD,dingtalk:staff42");
                continue;
            }
            ids.add(e.substring(0, colon).strip().toLowerCase(Locale.ROOT) + ":" + e.substring(colon + 1).strip());
        }
        return ids;
    }
}
