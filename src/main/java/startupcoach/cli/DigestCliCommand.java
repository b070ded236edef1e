package startupcoach.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import startupcoach.digest.Digest;
import startupcoach.digest.DigestHistory;
import startupcoach.digest.DigestTopic;

/** {@code digest …}: digests from the command line. Subscriptions are made in chat. */
@Command(name = "digest", description = "Scheduled digests (subscribe in chat: digest daily 09:00 topics=risk).",
        subcommands = {DigestCliCommand.Preview.class})
final class DigestCliCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code digest preview --topics risk,pricing}: the digest a new subscription would get first. */
    @Command(name = "preview", description = "Print the first digest a new subscription on these topics would get;"
            + " posts nothing, records nothing.")
    static final class Preview implements Callable<Integer> {

        private final Main.Terminal terminal;

        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--topics", split = ",", paramLabel = "TOPIC",
                description = "Comma-separated topics (default: all): risk, pricing, marketing, brand, funding, team,"
                        + " business-model, technology, legal, opportunity, or their Chinese words.")
        List<String> topics = List.of();

        Preview(Main.Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            List<DigestTopic> chosen = new ArrayList<>();
            for (String word : topics) {
                Optional<DigestTopic> topic = DigestTopic.find(word);
                if (topic.isEmpty()) {
                    terminal.err().println("error: unknown topic \u201C" + word + "\u201D. Topics: " + DigestTopic.vocabulary());
                    return Main.USAGE;
                }
                if (!chosen.contains(topic.get())) {
                    chosen.add(topic.get());
                }
            }
            try (CoachApp app = common.open(terminal)) {
                Instant now = Instant.now();
                Digest digest = app.digestComposer().compose(chosen, DigestHistory.none(now), now);
                terminal.out().println(digest.plainText());
                return 0;
            }
        }
    }
}
