package startupcoach.coach;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who may run admin commands ({@code reload}): platform user ids, written {@code platform:id}
 * ({@code slack:U123}, {@code dingtalk:staff42}). The terminal user of the command line is always an
 * admin: whoever runs {@code chat} can already edit the knowledge files and restart the bot.
 *
 * @param ids {@code platform:id} entries, platform in lower case
 */
public record Admins(Set<String> ids) {

    /** The platform of the command line, whose user is always an admin. */
    static final String CLI = "cli";

    public Admins {
        ids = Set.copyOf(ids);
    }

    /** Nobody but the terminal user. */
    public static Admins none() {
        return new Admins(Set.of());
    }

    public boolean allows(IncomingMessage message) {
        Objects.requireNonNull(message, "message == null");
        return CLI.equals(message.platform()) || ids.contains(key(message.platform(), message.userId()));
    }

    /** The admins' ids on one platform, sorted, for telling a non-admin whom to ask. */
    public List<String> on(String platform) {
        String prefix = platform.toLowerCase(Locale.ROOT) + ":";
        return ids.stream().filter(id -> id.startsWith(prefix)).map(id -> id.substring(prefix.length())).sorted().toList();
    }

    private static String key(String platform, String userId) {
        return platform.toLowerCase(Locale.ROOT) + ":" + userId;
    }
}
