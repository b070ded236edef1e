package startupcoach.slack;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import startupcoach.cli.CoachServer;

/**
 * A real server in Slack HTTP mode against a {@link FakeSlack}, shared by the tests of one class,
 * and a client that signs its requests. Answers are posted directly, never after a placeholder:
 * <pre>{@code @RegisterExtension static final SlackOverHttp http = new SlackOverHttp();}</pre>
 */
final class SlackOverHttp implements BeforeAllCallback, AfterAllCallback {

    private FakeSlack slack;
    private CoachServer server;
    private SignedClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        slack = new FakeSlack();
        // A high threshold: these tests want the answer posted directly, never a placeholder.
        server = TestServers.startHttp(slack, Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000"));
        client = new SignedClient(server.port(), TestServers.SIGNING_SECRET);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
        slack.close();
    }

    FakeSlack slack() {
        return slack;
    }

    CoachServer server() {
        return server;
    }

    SignedClient client() {
        return client;
    }
}
