package startupcoach.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import startupcoach.coach.IncomingMessage;

/** An interactive conversation with the coach on the terminal: the same core the chat platforms use. */
@Command(name = "chat", description = "Talk to the coach in the terminal (the default command).")
final class ChatCommand implements Runnable {

    private static final Set<String> EXIT = Set.of("exit", "quit", ":q", "退出", "bye");

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    ChatCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void run() {
        chat(common);
    }

    void chat(CommonOptions options) {
        var out = terminal.out();
        try (CoachApp app = options.open(terminal)) {
            out.println("startup-coach: ask about risk, pricing, marketing, brand, funding, team, business models.");
            out.println("Type help for commands, exit to leave.");
            // One conversation per run: a follow-up line is read against the lines before it.
            String session = java.util.UUID.randomUUID().toString();
            BufferedReader in = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8));
            while (true) {
                out.print("\n> ");
                out.flush();
                String line = in.readLine();
                if (line == null || EXIT.contains(line.strip().toLowerCase(java.util.Locale.ROOT))) {
                    out.println();
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                out.println(app.coach().handle(IncomingMessage.fromCli(line, session)).fullText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal", e);
        }
    }
}
