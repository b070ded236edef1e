package startupcoach.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the bot: HTTP endpoints for the chat platforms and their outbound connections. */
@Command(name = "serve", description = "Run the bot for Slack and DingTalk (HTTP on --port, plus Socket/Stream mode when configured).")
final class ServeCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--port", description = "HTTP port (default: PORT or 3000).")
    Integer port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to listen on (default ${DEFAULT-VALUE}).")
    String host;

    ServeCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        // A server's operators read its console: show INFO there (the CLI shows errors only), as JSON
        // lines for a log collector when COACH_LOG_FORMAT=json. Set before the first logger exists.
        String level = terminal.env().getOrDefault("COACH_LOG_LEVEL", "INFO");
        boolean json = "json".equalsIgnoreCase(terminal.env().getOrDefault("COACH_LOG_FORMAT", "text").strip());
        System.setProperty("COACH_CONSOLE_LEVEL", json ? "OFF" : level);
        System.setProperty("COACH_JSON_LEVEL", json ? level : "OFF");
        int listen = port != null ? port : Integer.parseInt(terminal.env().getOrDefault("PORT", "3000"));
        CountDownLatch stopped = new CountDownLatch(1);
        CoachServer server = CoachServer.start(common.settings(terminal.env()), host, listen,
                new TerminalProgress(terminal.err(), terminal.interactive()), Map.of());
        // SIGTERM and Ctrl-C run shutdown hooks; the JVM waits for the hook, not for this thread,
        // so the hook itself closes everything in order before the process ends.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        terminal.out().printf("startup-coach serving on http://%s:%d (/healthz, /readyz, /metrics)%n", host, server.port());
        server.disabledPlatforms().forEach(d -> terminal.out().println("  disabled: " + d));
        server.enabledPlatforms().forEach(e -> terminal.out().println("  enabled: " + e));
        terminal.out().flush();
        stopped.await();
        return 0;
    }
}
