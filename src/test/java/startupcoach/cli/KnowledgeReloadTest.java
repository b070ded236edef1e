package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.KnowledgeReloader;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.coach.ReloadResult;
import startupcoach.config.CoachConfig;
import startupcoach.embed.Embedder;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.IndexProgress;

/**
 * Re-indexing a running app (hybrid retrieval, with a fake embedding model): a changed document is
 * answered without a restart, an answer in flight finishes on the index it started with, unchanged
 * passages are not embedded again, and a broken file keeps the previous index.
 */
class KnowledgeReloadTest {

    private static final String QUESTION = "袋鼠例会怎么开？";
    private static final String RITUAL_V1 = """
            # 远程团队的袋鼠例会

            ## 袋鼠例会的做法

            袋鼠例会是远程团队的站会：每位成员用三句话说明昨天完成的事、今天的计划和遇到的阻碍，整个袋鼠例会不超过十五分钟。
            创始人在袋鼠例会上只听不评，会后再单独跟进每个阻碍。
            """;
    private static final String RITUAL_V2 = """
            # 远程团队的袋鼠例会

            ## 袋鼠例会的新开法

            袋鼠例会改为异步进行：每位成员每天在频道里写下三句话的进展和阻碍，袋鼠例会本身只保留每周一次、五分钟的同步。
            创始人负责在袋鼠例会前读完所有进展，并当场指派阻碍的负责人。
            """;

    @TempDir
    Path root;
    private Path knowledge;
    private GatedEmbedder model;
    private CoachApp app;

    @BeforeEach
    void open() throws Exception {
        knowledge = Files.createDirectories(root.resolve("knowledge"));
        try (Stream<Path> shipped = Files.list(Path.of("knowledge"))) {
            for (Path f : shipped.toList()) {
                Files.copy(f, knowledge.resolve(f.getFileName()));
            }
        }
        Files.writeString(knowledge.resolve("remote-rituals.md"), RITUAL_V1);
        model = new GatedEmbedder();
        CoachConfig config = new CoachConfig(knowledge, root.resolve("data"), root.resolve("cache"));
        app = CoachApp.open(config, CoachApp.Options.defaults(), IndexProgress.SILENT, () -> model);
    }

    @AfterEach
    void close() {
        model.gate.release(100);
        app.close();
    }

    @Test
    void changedDocumentIsAnsweredAfterReloadAndOnlyItsPassagesAreEmbedded() throws Exception {
        assertThat(headings(ask(QUESTION))).contains("袋鼠例会的做法");
        int passages = app.index().size();
        Files.writeString(knowledge.resolve("remote-rituals.md"), RITUAL_V2);
        model.passageTexts.set(0);

        ReloadResult result = app.reloader().request(KnowledgeReloader.ADMIN).get(60, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.DONE);
        assertThat(result.passages()).isEqualTo(app.index().size());
        assertThat(model.passageTexts.get()).as("only the edited document's passages reach the model")
                .isBetween(1, 4).isLessThan(passages);
        assertThat(headings(ask(QUESTION))).contains("袋鼠例会的新开法").doesNotContain("袋鼠例会的做法");
        assertThat(app.knowledge().findSection("袋鼠例会的新开法")).isPresent();
        assertThat(app.coach().handle(IncomingMessage.fromCli("source 袋鼠例会的新开法")).text()).contains("改为异步进行");
    }

    @Test
    void questionInFlightDuringTheSwapIsAnsweredFromTheOldIndex() throws Exception {
        try (LogLines logs = new LogLines()) {
            model.armGate();
            CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() -> ask(QUESTION));
            assertThat(model.gateReached.await(30, TimeUnit.SECONDS)).as("the question is being searched").isTrue();

            Files.writeString(knowledge.resolve("remote-rituals.md"), RITUAL_V2);
            ReloadResult result = app.reloader().request(KnowledgeReloader.ADMIN).get(60, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.DONE);
            assertThat(headings(ask("袋鼠例会现在怎么开？"))).as("asked after the swap").contains("袋鼠例会的新开法");
            assertThat(logs.rendered()).noneMatch(l -> l.contains("reload.retired generation=0"));

            model.gate.release();
            Reply old = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(old.kind()).isEqualTo(ReplyKind.ANSWER);
            assertThat(headings(old)).contains("袋鼠例会的做法").doesNotContain("袋鼠例会的新开法");
            assertThat(old.text()).contains("十五分钟");
            assertThat(logs.rendered()).as("the old index closes once its last answer is done")
                    .anyMatch(l -> l.contains("reload.retired generation=0"));
        }
    }

    @Test
    void brokenFileKeepsTheOldIndexAndTheReplyNamesFileAndLine() throws Exception {
        byte[] good = "# 坏文件\n\n第一段。\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] bytes = new byte[good.length + bad.length];
        System.arraycopy(good, 0, bytes, 0, good.length);
        System.arraycopy(bad, 0, bytes, good.length, bad.length);
        Files.write(knowledge.resolve("broken.md"), bytes);
        Files.writeString(knowledge.resolve("remote-rituals.md"), RITUAL_V2);

        Reply reply;
        try (LogLines logs = new LogLines()) {
            reply = app.coach().handle(IncomingMessage.fromCli("reload"));
            assertThat(logs.rendered()).anyMatch(l -> l.contains("reload.failed") && l.contains("file=broken.md")
                    && l.contains("line=4"));
        }
        assertThat(reply.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(reply.text()).startsWith("Re-indexing… failed: broken.md:4: not valid UTF-8")
                .contains("Still answering from the previous index");
        assertThat(headings(ask(QUESTION))).as("the old index serves").contains("袋鼠例会的做法");

        Files.delete(knowledge.resolve("broken.md"));
        Reply fixed = app.coach().handle(IncomingMessage.fromCli("reload"));
        assertThat(fixed.kind()).isEqualTo(ReplyKind.ADMIN);
        assertThat(fixed.text()).matches("Re-indexing… done: \\d+ sections from 7 files in \\d+\\.\\d s\\.");
        assertThat(headings(ask(QUESTION))).contains("袋鼠例会的新开法");
    }

    @Test
    void reloadInTheTerminalChatReportsSectionsFilesAndSeconds() throws Exception {
        Path data = root.resolve("chat-data");
        CliRunner.Result ok = CliRunner.run("reload\nexit\n", "chat", "--mode", "bm25", "--knowledge", knowledge.toString(),
                "--data-dir", data.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).containsPattern("Re-indexing… done: \\d+ sections from 7 files in \\d+\\.\\d s\\.");

        Files.writeString(knowledge.resolve("glossary-extra.tsv"), "founder\t创始人\nmoat 护城河\n");
        CliRunner.Result broken = CliRunner.run("reload\nexit\n", "chat", "--mode", "bm25", "--knowledge", knowledge.toString(),
                "--data-dir", data.toString());
        assertThat(broken.out()).contains("Re-indexing… failed: glossary-extra.tsv:2: not a glossary line")
                .contains("Still answering from the previous index");
    }

    private Reply ask(String question) {
        return app.coach().handle(IncomingMessage.fromCli(question, "reload-test-" + System.nanoTime()));
    }

    private static List<String> headings(Reply reply) {
        assertThat(reply.answer()).as(reply.text()).isNotNull();
        return reply.answer().citedSections().stream().map(Section::heading).toList();
    }

    /**
     * Vectors from hashed character bigrams (texts sharing words are near), counting the passage
     * texts that reach it; an armed gate holds the next question's embedding until released.
     */
    static final class GatedEmbedder implements Embedder {
        static final int DIMENSION = 256;
        final AtomicInteger passageTexts = new AtomicInteger();
        final Semaphore gate = new Semaphore(0);
        volatile CountDownLatch gateReached = new CountDownLatch(0);
        private volatile boolean armed;

        void armGate() {
            gateReached = new CountDownLatch(1);
            armed = true;
        }

        @Override
        public String modelId() {
            return "fake-bigrams-" + DIMENSION;
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        /** Questions come one at a time (DenseRetriever); passages in batches through the cache. */
        @Override
        public float[] embed(String text) {
            if (armed) {
                armed = false;
                gateReached.countDown();
                try {
                    if (!gate.tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the gate was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return vector(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            passageTexts.addAndGet(texts.size());
            List<float[]> out = new ArrayList<>(texts.size());
            texts.forEach(t -> out.add(vector(t)));
            return out;
        }

        private static float[] vector(String text) {
            float[] v = new float[DIMENSION];
            for (int i = 0; i + 1 < text.length(); i++) {
                v[Math.floorMod(text.substring(i, i + 2).hashCode(), DIMENSION)] += 1;
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            norm = norm == 0 ? 1 : Math.sqrt(norm);
            for (int i = 0; i < DIMENSION; i++) {
                v[i] /= (float) norm;
            }
            return v;
        }

        @Override
        public void close() {
        }
    }
}
