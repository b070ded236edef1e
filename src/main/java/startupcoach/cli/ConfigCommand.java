package startupcoach.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import startupcoach.config.CoachConfig;
import startupcoach.config.ConfigFile;
import startupcoach.config.DingTalkSettings;
import startupcoach.config.Redaction;
import startupcoach.config.ReloadSettings;
import startupcoach.config.ServeSettings;
import startupcoach.config.Settings;
import startupcoach.config.SettingsException;
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
            Settings settings;
            try {
                settings = common.settings(env);
            } catch (SettingsException e) {
                out.println("# startup-coach configuration: " + e.problems().size() + " problem(s), serve would not start");
                e.problems().forEach(p -> out.println("problem:    " + redacted(p)));
                printSettings(out, env);
                out.flush();
                return Main.USAGE;
            }
            CoachConfig config = settings.core();
            out.println("# startup-coach configuration (secrets masked)");
            out.println("file:       " + ConfigFile.location(env).map(f -> f.toAbsolutePath().toString())
                    .orElse("none (no coach.yaml here)"));
            out.println("knowledge:  " + config.knowledgeDir().toAbsolutePath());
            out.println("data:       " + config.dataDir().toAbsolutePath());
            out.println("cache:      " + config.cacheDir().toAbsolutePath());
            out.println("kernels:    " + config.embedKernels().name().toLowerCase(java.util.Locale.ROOT)
                    + " (COACH_EMBED_KERNELS; the path chosen is logged as embed.kernels at start)");
            out.println("retrieval:  " + settings.mode());
            out.println("composer:   " + redacted(settings.composer().toString()));
            out.println("database:   " + redacted(settings.database().toString()));
            SlackSettings slack = settings.slack();
            out.println("slack:      " + redacted(slack + slack.problem().map(p -> " (disabled: " + p + ")").orElse(" (enabled)")));
            DingTalkSettings dingtalk = settings.dingtalk();
            out.println("dingtalk:   " + redacted(dingtalk + (dingtalk.appSecret() == null
                    ? " (disabled: DINGTALK_APP_SECRET is not set)" : " (enabled)")));
            out.println("digests:    " + settings.digests());
            ServeSettings limits = settings.serve();
            out.println("limits:     userPerMinute=" + limits.userPerMinute() + " channelPerMinute=" + limits.channelPerMinute()
                    + " shutdownSeconds=" + limits.shutdownGrace().toSeconds() + " resumeWithinSeconds="
                    + limits.resumeWithin().toSeconds() + " apologizeWithinSeconds=" + limits.apologizeWithin().toSeconds());
            ReloadSettings reload = settings.reload();
            out.println("reload:     admins=" + reload.admins().stream().sorted().toList() + " watch=" + reload.watch()
                    + " pollSeconds=" + reload.pollInterval().toSeconds());
            out.println("logs:       format=" + env.getOrDefault("COACH_LOG_FORMAT", "text") + " level="
                    + env.getOrDefault("COACH_LOG_LEVEL", "INFO"));
            printSettings(out, env);
            out.flush();
            return 0;
        }

        /** The settings the bot reads, as given (coach.yaml under the environment), secrets masked. */
        private static void printSettings(PrintWriter out, Map<String, String> env) {
            out.println("settings (coach.yaml under the environment):");
            new TreeMap<>(env).forEach((name, value) -> {
                if (OURS.matcher(name).matches()) {
                    out.println("  " + name + "=" + Redaction.value(name, value));
                }
            });
        }

        private static String redacted(String text) {
            return Redaction.url(text);
        }
    }
}
