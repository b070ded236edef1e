package startupcoach.cli;

import java.util.List;
import java.util.Map;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.config.SlackSettings;
import startupcoach.server.ChatPlatform;
import startupcoach.slack.SlackPlatform;

/** Turns Slack on when its credentials are in the environment, or says which one is missing. */
final class SlackWiring {

    private SlackWiring() {
    }

    static void configure(Map<String, String> env, CoachApp app, List<ChatPlatform> enabled, List<String> disabled) {
        SlackSettings settings = SlackSettings.fromEnvironment(env);
        settings.problem().ifPresentOrElse(
                problem -> disabled.add("slack: " + problem),
                // One process, one deduplicator: replicas behind a load balancer need a shared store.
                () -> enabled.add(SlackPlatform.create(settings, app.coach(), FeedbackLog.toLog(), new InMemoryDeduplicator())));
    }
}
