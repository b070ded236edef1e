package startupcoach.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import startupcoach.config.ConfigFile;

/**
 * {@code startup-coach}: the command line. Without a subcommand it starts {@code chat}.
 * Errors are one readable line on stderr and a non-zero exit; stack traces go to the log file only.
 */
@Command(name = "startup-coach", mixinStandardHelpOptions = true, version = "startup-coach 0.1.0",
        description = "Answers AI start-up founders from a cited knowledge base, offline.",
        subcommands = {AskCommand.class, ChatCommand.class, IndexCommand.class, EvalCommand.class, BenchCommand.class, ServeCommand.class,
                SlackManifestCommand.class,
                DigestCliCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a usage mistake (empty question, bad option), as picocli uses it. */
    static final int USAGE = 2;

    private final Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    Main(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, new Terminal(System.in, out, err, System.getenv(), System.console() != null)));
    }

    /** Runs one command line; the entry point for tests too. */
    static int execute(String[] args, Terminal given) {
        Terminal terminal;
        try {
            // coach.yaml under the environment, the flags over both (picocli reads them per command).
            terminal = given.withEnv(ConfigFile.overlay(given.env()));
        } catch (IllegalArgumentException e) {
            given.err().println("startup-coach: configuration file:\n" + e.getMessage());
            given.err().flush();
            return USAGE;
        }
        CommandLine cl = new CommandLine(new Main(terminal), new Factory(terminal));
        cl.setOut(terminal.out()).setErr(terminal.err());
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        return cl.execute(args);
    }

    @Override
    public void run() {
        new ChatCommand(terminal).chat(common);
    }

    /** The process's streams and environment, passed in so tests can drive every command. */
    record Terminal(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive) {
        Terminal withEnv(Map<String, String> settings) {
            return new Terminal(in, out, err, settings, interactive);
        }
    }

    /** Gives every command the terminal through its constructor. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Terminal.class).newInstance(terminal);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
