package startupcoach.cli;

import java.util.List;
import startupcoach.config.DingTalkSettings;
import startupcoach.dingtalk.DingTalkPlatform;
import startupcoach.knowledge.Section;
import startupcoach.server.ChatPlatform;

/** Enables DingTalk when {@code DINGTALK_APP_SECRET} is set, else says why it is off. */
final class DingTalkWiring {

    private DingTalkWiring() {
    }

    static void configure(DingTalkSettings settings, CoachApp app, PipelineWiring pipelines, List<ChatPlatform> enabled,
                          List<String> disabled) {
        if (settings.appSecret() == null) {
            disabled.add("dingtalk: DINGTALK_APP_SECRET is not set");
            return;
        }
        // Shared through the database under serve: a redelivered msgId reaching another replica is dropped there too.
        DingTalkPlatform.Builder builder = DingTalkPlatform.builder(settings, app.coach())
                .optDeduplicator(app.deduplicator())
                .optFeedbackLog(app.feedbackLog())
                // Written before the Stream ack / the callback's 200: a crash after it loses no question.
                .optInbox(pipelines.inbox(), pipelines.replica())
                .optResume(pipelines.serve().resumeWithin(), pipelines.serve().apologizeWithin())
                .optMetrics(app.metrics());
        // 有用/没用 rate the conversation's last answer as the shared question log has it, whichever replica gave it.
        app.storage().ifPresent(storage -> builder.optQuestionHistory(storage.digests().questions(),
                section -> app.knowledge().section(section).map(Section::citation)));
        enabled.add(builder.build());
    }
}
