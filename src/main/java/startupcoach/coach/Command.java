package startupcoach.coach;

import java.util.List;
import java.util.Objects;

/**
 * A registered command: its names (the first is shown in help), a usage line and the handler.
 *
 * @param names   words that invoke it, lower case, e.g. {@code topics}, {@code 主题}
 * @param usage   one line for the help text, e.g. {@code topics — what the knowledge base covers}
 * @param handler what it does
 */
public record Command(List<String> names, String usage, CommandHandler handler) {

    public Command {
        names = List.copyOf(names);
        Objects.requireNonNull(usage, "usage == null");
        Objects.requireNonNull(handler, "handler == null");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one name");
        }
    }
}
