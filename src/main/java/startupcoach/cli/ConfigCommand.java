package startupcoach.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.config.ConfigFile;
import startupcoach.config.DatabaseSettings;
import startupcoach.config.DigestSettings;
import startupcoach.config.DingTalkSettings;
import startupcoach.config.Redaction;
import startupcoach.config.ReloadSettings;
import startupcoach.config.ServeSettings;
import startupcoach.config.SlackSettings;

/** {@code config show}: the effective configuration, as {@code serve} would use it, with every secret masked. */
@Command(name = "config", description = "Show the effective configuration (secrets masked).",
        subcommands = {ConfigCommand.Show.class})
final class ConfigCommand implements Runnable {

    /** The variables the bot reads, listed with their (masked) values. */
    private static final Pattern OURS = Pattern.compile("(COACH_|SLACK_|DINGTALK_|LLM_|DATABASE_).*|PORT|HOSTNAME");

    private final Main.Terminal terminal;

    ConfigCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void run() {
        terminal.out().println("Usage: startup-coach config show");
    }

    @Command(name = "show", description = "Print the effective configuration with secrets masked.")
    static final class Show implements Callable<Integer> {

        private final Main.Terminal terminal;

        @Mixin
        CommonOptions common = new CommonOptions();

        Show(Main.Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, String> env = terminal.env();
            PrintWriter out = terminal.out();
            CoachConfig config = common.config(env);
            out.println("# startup-coach configuration (secrets masked)");
            out.println("file:       " + ConfigFile.location(env).map(f -> f.toAbsolutePath().toString())
                    .orElse("none (no coach.yaml here)"));
            out.println("knowledge:  " + config.knowledgeDir().toAbsolutePath());
            out.println("data:       " + config.dataDir().toAbsolutePath());
            out.println("cache:      " + config.cacheDir().toAbsolutePath());
            out.println("kernels:    " + config.embedKernels().name().toLowerCase(java.util.Locale.ROOT)
                    + " (COACH_EMBED_KERNELS; the path chosen is logged as embed.kernels at start)");
            line(out, "retrieval:  ", () -> common.mode(env).toString());
            line(out, "composer:   ", () -> redacted(common.composer(env).toString()));
            line(out, "database:   ", () -> DatabaseSettings.fromEnvironment(env, config.dataDir()).toString());
            line(out, "slack:      ", () -> {
                SlackSettings s = SlackSettings.fromEnvironment(env);
                return s + s.problem().map(p -> " (disabled: " + p + ")").orElse(" (enabled)");
            });
            line(out, "dingtalk:   ", () -> {
                DingTalkSettings s = DingTalkSettings.fromEnvironment(env);
                return s + (s.appSecret() == null ? " (disabled: DINGTALK_APP_SECRET is not set)" : " (enabled)");
            });
            line(out, "digests:    ", () -> DigestSettings.fromEnvironment(env).toString());
            line(out, "limits:     ", () -> {
                ServeSettings s = ServeSettings.fromEnvironment(env);
                return "userPerMinute=" + s.userPerMinute() + " channelPerMinute=" + s.channelPerMinute()
                        + " shutdownSeconds=" + s.shutdownGrace().toSeconds() + " resumeWithinSeconds="
                        + s.resumeWithin().toSeconds() + " apologizeWithinSeconds=" + s.apologizeWithin().toSeconds();
            });
            line(out, "reload:     ", () -> {
                ReloadSettings s = ReloadSettings.fromEnvironment(env);
                return "admins=" + s.admins().stream().sorted().toList() + " watch=" + s.watch() + " pollSeconds="
                        + s.pollInterval().toSeconds();
            });
            out.println("logs:       format=" + env.getOrDefault("COACH_LOG_FORMAT", "text") + " level="
                    + env.getOrDefault("COACH_LOG_LEVEL", "INFO"));
            out.println("settings (coach.yaml under the environment):");
            new TreeMap<>(env).forEach((name, value) -> {
                if (OURS.matcher(name).matches()) {
                    out.println("  " + name + "=" + Redaction.value(name, value));
                }
            });
            out.flush();
            return 0;
        }

        /** A setting, or why it is invalid (a bad value is shown, so the message never echoes a secret's variable). */
        private static void line(PrintWriter out, String label, java.util.function.Supplier<String> value) {
            String shown;
            try {
                shown = value.get();
            } catch (RuntimeException e) {
                shown = "INVALID: " + e.getMessage();
            }
            out.println(label + redacted(shown));
        }

        private static String redacted(String text) {
            return Redaction.url(text);
        }
    }
}
