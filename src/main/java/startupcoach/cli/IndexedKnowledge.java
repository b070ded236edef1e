package startupcoach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.CommandHandler;
import startupcoach.coach.KnowledgeSnapshot;
import startupcoach.compose.Composer;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.RetrievalMode;
import startupcoach.retrieve.Retriever;

/**
 * One generation of the knowledge base as the app serves it: the parsed documents, their index,
 * the retrievers and composer over them, and the handlers of the commands that read them. Built by
 * {@link KnowledgeBuild}, published through {@code LiveKnowledge}.
 *
 * @param kb          the parsed knowledge base
 * @param index       its Lucene index, owned and closed here
 * @param retrievers  by mode; BM25 always, dense and hybrid when the model is loaded
 * @param composer    answers from this generation's passages (follow-up suggestions come from its sections)
 * @param questions   answers a question (retrieve, compose, remember the turn)
 * @param topics      the {@code topics} command over this knowledge base
 * @param source      the {@code source} command over this knowledge base
 * @param files       knowledge files it was built from
 * @param fingerprint the files' fingerprint, taken before reading them
 * @param ownedDir    a reload's own index directory, deleted on close; null for the start-up index,
 *                    which stays for the next start
 */
record IndexedKnowledge(KnowledgeBase kb, PassageIndex index, Map<RetrievalMode, Retriever> retrievers, Composer composer,
                        CommandHandler questions, CommandHandler topics, CommandHandler source, int files, String fingerprint,
                        Path ownedDir) implements KnowledgeSnapshot {

    private static final Logger log = LoggerFactory.getLogger(IndexedKnowledge.class);

    IndexedKnowledge {
        Objects.requireNonNull(kb, "kb == null");
        Objects.requireNonNull(index, "index == null");
        retrievers = Map.copyOf(retrievers);
        Objects.requireNonNull(composer, "composer == null");
        Objects.requireNonNull(questions, "questions == null");
        Objects.requireNonNull(fingerprint, "fingerprint == null");
    }

    @Override
    public int sections() {
        return kb.sections().size();
    }

    @Override
    public int passages() {
        return index.size();
    }

    @Override
    public void close() {
        try {
            index.close();
        } catch (IOException e) {
            log.warn("index.close_failed dir={}", ownedDir, e);
        }
        if (ownedDir != null) {
            deleteTree(ownedDir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // Only disk space is lost; the next start clears the reload directories again.
            log.warn("index.delete_failed dir={} reason={}", dir, e.toString());
        }
    }
}
