package startupcoach.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import startupcoach.slack.SlackManifest;

/** Prints the Slack app manifest to paste into "Create New App → From an app manifest". */
@Command(name = "slack-manifest", description = "Print the Slack app manifest (scopes, events, /coach, interactivity).")
final class SlackManifestCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Option(names = "--url", paramLabel = "URL",
            description = "The bot's public base URL, e.g. https://coach.example.com (default: a YOUR-HOST placeholder).")
    String url;

    @Option(names = "--socket-mode", description = "Enable Socket Mode in the manifest (no public URL needed; set SLACK_APP_TOKEN).")
    boolean socketMode;

    SlackManifestCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String manifest;
        try {
            manifest = SlackManifest.render(url, socketMode);
        } catch (IllegalArgumentException e) {
            terminal.err().println("error: " + e.getMessage());
            return Main.USAGE;
        }
        if (url != null && !url.strip().startsWith("https://")) {
            terminal.err().println("warning: Slack only calls https:// request URLs; put a TLS proxy or tunnel in front.");
        }
        terminal.out().print(manifest);
        terminal.out().flush();
        return 0;
    }
}
