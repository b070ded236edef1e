package startupcoach.cli;

import java.util.List;
import startupcoach.compose.LlmComposer;
import startupcoach.config.SlackSettings;
import startupcoach.server.ChatPlatform;
import startupcoach.slack.SlackPlatform;

/** Turns Slack on when its credentials are in the environment, or says which one is missing. */
final class SlackWiring {

    private SlackWiring() {
    }

    static void configure(SlackSettings settings, CoachApp app, PipelineWiring pipelines, List<ChatPlatform> enabled,
                          List<String> disabled) {
        settings.problem().ifPresentOrElse(
                problem -> disabled.add("slack: " + problem),
                // The app's dedupe and feedback live in the database under serve, so replicas behind a
                // load balancer answer a retried event once and keep every 👍/👎.
                () -> enabled.add(streaming(app, SlackPlatform.create(settings, app.coach(), app.feedbackLog(), app.deduplicator(),
                        () -> app.knowledge().topics(), app.conversations(), pipelines.durability(app.metrics())))));
    }

    /** A language model's answers are streamed while written; quotes are posted whole, as ever. */
    private static SlackPlatform streaming(CoachApp app, SlackPlatform slack) {
        return app.composer() instanceof LlmComposer ? slack.streamAnswers() : slack;
    }
}
