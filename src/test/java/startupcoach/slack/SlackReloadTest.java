package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackPayloads.slashCommand;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.SharedTestCache;
import startupcoach.cli.CoachServer;

/**
 * {@code serve} picks up knowledge changes without a restart: a new document saved into the
 * knowledge directory is answered, {@code /coach reload} (signed slash command) re-indexes for an
 * admin listed in {@code COACH_ADMINS} and is refused to anyone else, and a broken file keeps the
 * previous index while the admin hears which file and line.
 */
class SlackReloadTest {

    private static final String ADMIN = "UADMIN01";
    private static final String RITUAL = """
            # 远程团队的袋鼠例会

            ## 袋鼠例会的做法

            袋鼠例会是远程团队的站会：每位成员用三句话说明昨天完成的事、今天的计划和遇到的阻碍，整个袋鼠例会不超过十五分钟。
            创始人在袋鼠例会上只听不评，会后再单独跟进每个阻碍。
            """;

    @TempDir
    static Path root;
    private static Path knowledge;
    private static FakeSlack slack;
    private static CoachServer server;
    private static SignedClient client;

    @BeforeAll
    static void start() throws Exception {
        knowledge = Files.createDirectories(root.resolve("knowledge"));
        try (Stream<Path> shipped = Files.list(Path.of("knowledge"))) {
            for (Path f : shipped.toList()) {
                Files.copy(f, knowledge.resolve(f.getFileName()));
            }
        }
        slack = new FakeSlack();
        // BM25 loads no model: this class is about the swap, not about ranking.
        server = TestServers.startHttp(SharedTestCache.config(knowledge, root.resolve("data")), slack,
                Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000", "COACH_RETRIEVAL_MODE", "bm25",
                        "COACH_ADMINS", "slack:" + ADMIN + ",dingtalk:staff42", "COACH_RELOAD_POLL_SECONDS", "5"));
        client = new SignedClient(server.port(), TestServers.SIGNING_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        slack.close();
    }

    @Test
    void documentSavedIntoTheKnowledgeDirectoryIsAnsweredWithoutRestart() throws Exception {
        assertThat(coach("U1", "袋鼠例会怎么开？")).doesNotContain("十五分钟");

        Files.writeString(knowledge.resolve("remote-rituals.md"), RITUAL);

        long deadline = System.nanoTime() + 30_000_000_000L;
        String answer = "";
        while (System.nanoTime() < deadline && !answer.contains("袋鼠例会的做法")) {
            Thread.sleep(500);
            answer = coach("U1", "袋鼠例会怎么开？");
        }
        assertThat(answer).as("answered from the new document, cited").contains("袋鼠例会的做法").contains("十五分钟");
    }

    @Test
    void adminReloadSaysHowManySectionsFromHowManyFiles() throws Exception {
        String reply = coach(ADMIN, "reload");
        assertThat(reply).containsPattern("Re-indexing… done: \\d+ sections from \\d+ files in \\d+\\.\\d s\\.");
    }

    @Test
    void nonAdminIsRefusedPolitelyAndToldWhoCanReload() throws Exception {
        String reply = coach("U1", "reload");
        assertThat(reply).contains("Sorry, only an admin can re-index the knowledge base").contains(ADMIN)
                .doesNotContain("staff42").doesNotContain("done");
    }

    @Test
    void brokenFileKeepsTheOldIndexAndTheAdminHearsFileAndLine() throws Exception {
        Path broken = knowledge.resolve("zz-broken.md");
        byte[] head = "# 半截文件\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE4; // a three-byte sequence cut after its first byte
        bytes[head.length + 1] = '\n';
        bytes[head.length + 2] = 'x';
        Files.write(broken, bytes);
        try {
            String reply = coach(ADMIN, "reload");
            assertThat(reply).contains("Re-indexing… failed: zz-broken.md:2: not valid UTF-8")
                    .contains("Still answering from the previous index");
            assertThat(coach("U1", "价格战怎么打？")).as("the old index still answers").contains("《");
        } finally {
            Files.delete(broken);
        }
        assertThat(coach(ADMIN, "reload")).contains("Re-indexing… done");
    }

    /** Runs {@code /coach text} as {@code user}; returns the text posted to the response URL. */
    private static String coach(String user, String text) throws Exception {
        String key = UUID.randomUUID().toString();
        String channel = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        HttpResponse<String> ack = client.form(slashCommand(channel, user, text, slack.responseUrl(key)));
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlack.Call reply = slack.next(key);
        return reply.json().path("text").asText() + "\n" + FakeSlack.texts(reply.blocks());
    }
}
