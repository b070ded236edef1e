package startupcoach.coach;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-neutral core: one {@link IncomingMessage} in, one {@link Reply} out. Routes the
 * first word to a registered {@link Command}; anything else is a question. Never throws: a
 * failure becomes an {@link ReplyKind#ERROR} reply that says what to do, and the log keeps the
 * stack trace under a reference the user can quote.
 *
 * <p>Thread-safe once built: commands are registered at wiring time only.
 */
public final class Coach {

    private static final Logger log = LoggerFactory.getLogger(Coach.class);

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final CommandHandler questions;

    /**
     * @param questions handles a bare question (and the {@code ask} command)
     */
    public Coach(CommandHandler questions) {
        this.questions = Objects.requireNonNull(questions, "questions == null");
        register(new Command(List.of("help", "帮助", "?", "？"), "help — this message", (m, a) -> help()));
        register(new Command(List.of("ask", "问"), "ask <question> — the same as just asking", this::ask));
    }

    /** Adds a command; names must not clash with one already registered. Call during wiring only. */
    public Coach register(Command command) {
        for (String name : command.names()) {
            if (byName.putIfAbsent(name, command) != null) {
                throw new IllegalArgumentException("command name registered twice: " + name);
            }
        }
        commands.add(command);
        return this;
    }

    public Reply handle(IncomingMessage message) {
        String text = message.text().strip();
        try {
            if (text.isEmpty()) {
                return help();
            }
            String[] parts = text.split("\\s+", 2);
            String first = parts[0].toLowerCase(Locale.ROOT);
            String args = parts.length > 1 ? parts[1].strip() : "";
            Command command = byName.get(first);
            if (command != null) {
                return command.handler().handle(message, args);
            }
            if (looksLikeCommand(first)) {
                return Reply.of(ReplyKind.ERROR, "Unknown command \u201C" + parts[0] + "\u201D.\n\n" + help().text());
            }
            return questions.handle(message, text);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("coach.failed ref={} platform={} conversation={}", ref, message.platform(), message.conversationId(), e);
            return Reply.of(ReplyKind.ERROR, "Sorry, something went wrong while answering. Please try again in a moment;"
                    + " if it keeps failing, give your admin this reference: " + ref);
        }
    }

    private Reply ask(IncomingMessage message, String args) {
        return args.isEmpty() ? help() : questions.handle(message, args);
    }

    /** "/foo" or "--foo" is a mistyped command, not a question about "foo". */
    private static boolean looksLikeCommand(String first) {
        return first.length() > 1 && (first.startsWith("/") || first.startsWith("--") || first.startsWith("!"));
    }

    public Reply help() {
        StringBuilder out = new StringBuilder()
                .append("Ask me anything about building an AI start-up, in Chinese or English, e.g.\n")
                .append("  价格战怎么打？\n")
                .append("  How do we control market risk?\n")
                .append("I answer with quotes from the knowledge base and cite each section.\n\nCommands:\n");
        for (Command c : commands) {
            out.append("  ").append(c.usage()).append('\n');
        }
        return Reply.of(ReplyKind.HELP, out.toString().stripTrailing());
    }
}
