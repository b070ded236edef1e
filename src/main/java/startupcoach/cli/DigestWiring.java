package startupcoach.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import startupcoach.config.DigestSettings;
import startupcoach.digest.DigestScheduler;
import startupcoach.digest.DigestSink;
import startupcoach.digest.MeteredDigestSink;
import startupcoach.dingtalk.RobotWebhookSink;
import startupcoach.server.ChatPlatform;
import startupcoach.slack.SlackPlatform;
import startupcoach.store.Storage;

/**
 * Builds the digest scheduler for {@code serve}. Each chat platform adds its {@link DigestSink}
 * in {@link #sinks} (one line each), under the platform name its messages carry.
 */
final class DigestWiring {

    private DigestWiring() {
    }

    /**
     * The platforms' sinks. Slack's when Slack is enabled: it posts with the bot token. DingTalk's
     * always: a group's digest goes through the robot webhook stored with the subscription and needs
     * no app credentials, so a replica without {@code DINGTALK_APP_SECRET} (a Slack-only replica on
     * the shared database, or after the app was switched off) still posts the groups' digests; a
     * group that never gave a webhook has each slot refused, logged with what to send. Subscriptions
     * on a platform without a sink wait, and the scheduler says so once.
     */
    static Map<String, DigestSink> sinks(Map<String, String> env, CoachApp app, List<ChatPlatform> platforms) {
        Map<String, DigestSink> sinks = new HashMap<>();
        platforms.stream().filter(SlackPlatform.class::isInstance).map(SlackPlatform.class::cast).findFirst()
                .ifPresent(slack -> sinks.put(slack.name(), slack.digestSink()));
        sinks.put("dingtalk", RobotWebhookSink.create());
        return sinks;
    }

    static DigestScheduler scheduler(Map<String, String> env, CoachApp app, Storage storage, DigestSettings settings,
                                     List<ChatPlatform> platforms, Map<String, DigestSink> extraSinks) {
        Map<String, DigestSink> sinks = sinks(env, app, platforms);
        sinks.putAll(extraSinks);
        app.webhookPlatforms().registerAll(sinks);
        sinks.replaceAll((platform, sink) -> new MeteredDigestSink(platform, sink, app.metrics()));
        DigestScheduler.Builder builder = DigestScheduler.builder(storage.digests(), app.digestComposer(), sinks)
                .grace(settings.grace())
                .tickInterval(settings.tickInterval());
        String host = env.get("HOSTNAME");
        if (host != null && !host.isBlank()) {
            builder.instanceId(host.strip() + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff));
        }
        return builder.build();
    }
}
