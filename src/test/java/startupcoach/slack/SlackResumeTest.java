package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.QUIET;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.cli.CoachServer;
import startupcoach.config.DatabaseSettings;
import startupcoach.pipeline.Inbound;
import startupcoach.store.Storage;

/**
 * What a restart finds in the inbox of a process that died after acknowledging: an answer it had
 * posted (Slack shows it, by its metadata) is not posted again; a question it never answered is
 * answered once, in its thread, marked with its event id.
 */
class SlackResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aRestartAnswersWhatWasAcknowledgedAndNotWhatSlackAlreadyShows() throws Exception {
        Path db = tmp.resolve("coach.db");
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:sqlite:" + db, "COACH_RETRIEVAL_MODE", "bm25",
                "SLACK_PLACEHOLDER_AFTER_MS", "30000");
        String answeredChannel = channel('C');
        String answeredTs = ts();
        String answeredEvent = eventId();
        try (FakeSlack slack = new FakeSlack()) {
            try (CoachServer first = TestServers.startHttp(slack, env)) {
                SignedClient client = new SignedClient(first.port(), TestServers.SIGNING_SECRET);
                assertThat(client.json(envelope(appMention(answeredChannel, "U1", "价格战怎么打？", answeredTs), answeredEvent))
                        .statusCode()).isEqualTo(200);
                FakeSlack.Call answer = slack.next(answeredChannel);
                assertThat(answer.method()).isEqualTo("chat.postMessage");
                JsonNode metadata = JSON.readTree(answer.param("metadata"));
                assertThat(metadata.path("event_type").asText()).isEqualTo(AnswerTag.EVENT_TYPE);
                assertThat(metadata.path("event_payload").path("event_id").asText()).isEqualTo(answeredEvent);
                awaitDone(db, "slack:event:" + answeredEvent);
            }
            // The process "died" after posting and before marking it done; and it had acknowledged a second question.
            execute(db, "UPDATE inbox SET state = 'claimed', claimed_by = 'gone', lease_until = 0, outcome = NULL,"
                    + " finished_at = NULL, started_at = 1 WHERE dedupe_keys LIKE ?", "slack:event:" + answeredEvent + "%");
            String waitingChannel = channel('C');
            String waitingTs = ts();
            String waitingEvent = eventId();
            try (Storage storage = Storage.open(DatabaseSettings.sqlite(db))) {
                storage.inbox().accept(new Inbound("slack", waitingChannel, waitingTs, "U1", "How do we price?",
                        List.of("slack:event:" + waitingEvent), Instant.now(),
                        new SlackOutlet.Address(new Destination.InChannel(waitingChannel, waitingTs), waitingEvent).toJson()));
            }

            try (CoachServer second = TestServers.startHttp(slack, env)) {
                FakeSlack.Call resumed = slack.next(waitingChannel);
                assertThat(resumed.method()).isEqualTo("chat.postMessage");
                assertThat(resumed.param("thread_ts")).isEqualTo(waitingTs);
                assertThat(JSON.readTree(resumed.param("metadata")).path("event_payload").path("event_id").asText())
                        .isEqualTo(waitingEvent);

                assertThat(awaitDone(db, "slack:event:" + answeredEvent)).isEqualTo("already_answered");
                FakeSlack.Call lookup = slack.next("lookup:" + answeredChannel);
                assertThat(lookup.method()).isEqualTo("conversations.replies");
                assertThat(lookup.param("ts")).isEqualTo(answeredTs);
                assertThat(lookup.param("include_all_metadata")).isIn("true", "1");
                assertThat(slack.next(answeredChannel, QUIET)).as("not posted again").isNull();
                assertThat(awaitDone(db, "slack:event:" + waitingEvent)).isEqualTo("answered");
            }
        }
    }

    private static String awaitDone(Path db, String key) throws Exception {
        for (int i = 0; i < 500; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 PreparedStatement ps = c.prepareStatement("SELECT outcome FROM inbox WHERE state = 'done' AND dedupe_keys LIKE ?")) {
                ps.setString(1, key + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(key + " never done");
    }

    private static void execute(Path db, String sql, String param) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
