package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.SharedTestCache;
import startupcoach.cli.CoachServer;
import startupcoach.retrieve.IndexProgress;

/** {@code @bot reload} over a signed HTTP callback: the admin in {@code COACH_ADMINS} re-indexes, others are told whom to ask. */
class DingTalkReloadTest {

    private static final String SECRET = "gT4x-9QkYv2Lr8Nw0Zc6Hb1Pd5Sf3Jm7Ua_XeRoWiKt";

    @TempDir
    static Path root;
    private static DingTalkMock dingtalk;
    private static CoachServer server;

    @BeforeAll
    static void start() throws Exception {
        Path knowledge = Files.createDirectories(root.resolve("knowledge"));
        try (Stream<Path> shipped = Files.list(Path.of("knowledge"))) {
            for (Path f : shipped.toList()) {
                Files.copy(f, knowledge.resolve(f.getFileName()));
            }
        }
        dingtalk = new DingTalkMock();
        Map<String, String> env = Map.of("DINGTALK_APP_SECRET", SECRET, "DINGTALK_APP_KEY", "dingk2p7x9q4w1v6",
                "DINGTALK_MODE", "http", "DINGTALK_API_URL", dingtalk.apiUrl(), "COACH_DINGTALK_REPLY", "markdown",
                "COACH_RETRIEVAL_MODE", "bm25", "COACH_ADMINS", "slack:UADMIN01, dingtalk:user0193",
                "COACH_RATE_USER_PER_MINUTE", "0", "COACH_RATE_CHANNEL_PER_MINUTE", "0");
        server = CoachServer.start(SharedTestCache.config(knowledge, root.resolve("data")), env, "127.0.0.1", 0,
                IndexProgress.SILENT);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        dingtalk.close();
    }

    @Test
    void adminReloadIsAnsweredWithTheCounts() throws Exception {
        String text = send(Payloads.withText(Payloads.fresh(Payloads.SINGLE, dingtalk.webhook()), "reload"));
        assertThat(text).containsPattern("Re-indexing… done: \\d+ sections from 6 files in \\d+\\.\\d s\\.");
    }

    @Test
    void groupMemberWhoIsNotAnAdminIsToldWhomToAsk() throws Exception {
        String text = send(Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " reload"));
        assertThat(text).contains("only an admin can re-index").contains("user0193").doesNotContain("UADMIN01")
                .doesNotContain("Re-indexing");
    }

    private static String send(ObjectNode message) throws Exception {
        assertThat(Signed.post(server.port(), SECRET, Payloads.text(message)).statusCode()).isEqualTo(200);
        JsonNode body = DingTalkMock.body(dingtalk.take());
        return body.path("markdown").path("text").asText();
    }
}
