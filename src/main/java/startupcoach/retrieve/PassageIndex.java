package startupcoach.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.SectionKind;

/**
 * The on-disk Lucene index of the knowledge base's body passages. It is rebuilt only when the
 * knowledge files change (their content hash is kept beside the index) or the index cannot be
 * opened; otherwise a start just opens it.
 *
 * <p>Outline copies and front matter are not indexed at all: their headings repeat the body's
 * and would otherwise win citations with a bare heading and no advice under it.
 */
public final class PassageIndex implements AutoCloseable {

    static final String ID = "id";
    static final String BODY = "body";
    static final String HEADING = "heading";
    static final String PATH = "path";

    /** Bump when the fields, the analysis or which sections are indexed change, so old indexes are rebuilt. */
    private static final String SCHEMA = "5";
    private static final String MANIFEST = "index.properties";
    private static final Logger log = LoggerFactory.getLogger(PassageIndex.class);

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, Passage> passages;
    private final boolean rebuilt;
    private final String warning;

    private PassageIndex(Directory directory, DirectoryReader reader, Map<String, Passage> passages, boolean rebuilt,
                         String warning) {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.passages = passages;
        this.rebuilt = rebuilt;
        this.warning = warning;
    }

    /**
     * Opens the index under {@code indexDir}, building it first when it is missing, stale or corrupt.
     *
     * @throws UncheckedIOException when the directory cannot be written at all
     */
    public static PassageIndex openOrBuild(Path indexDir, KnowledgeBase kb, TextAnalysis analysis, IndexProgress progress) {
        Map<String, Passage> byId = kb.passages().stream()
                .filter(p -> p.section().kind() == SectionKind.BODY)
                .collect(Collectors.toMap(Passage::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        String stamp = SCHEMA + ":" + kb.contentHash();
        try {
            Files.createDirectories(indexDir);
            String warning = null;
            if (stamp.equals(readStamp(indexDir))) {
                PassageIndex opened = tryOpen(indexDir, byId);
                if (opened != null) {
                    progress.update(byId.size(), byId.size());
                    return opened;
                }
                log.warn("index.corrupt dir={} action=rebuild", indexDir);
                warning = "the search index in " + indexDir.toAbsolutePath() + " could not be read; rebuilt it";
            } else {
                log.info("index.stale dir={} action=rebuild", indexDir);
            }
            build(indexDir, byId, analysis, progress);
            writeStamp(indexDir, stamp);
            Directory dir = FSDirectory.open(indexDir);
            return new PassageIndex(dir, DirectoryReader.open(dir), byId, true, warning);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search index under " + indexDir.toAbsolutePath()
                    + ": check that the data directory is writable (--data-dir)", e);
        }
    }

    private static PassageIndex tryOpen(Path indexDir, Map<String, Passage> byId) {
        try {
            Directory dir = FSDirectory.open(indexDir);
            DirectoryReader reader = DirectoryReader.open(dir);
            if (reader.numDocs() != byId.size()) {
                reader.close();
                return null;
            }
            return new PassageIndex(dir, reader, byId, false, null);
        } catch (IOException | RuntimeException e) {
            // Lucene reports damage as several IOException subtypes and the odd runtime one;
            // any of them means the same thing here: throw the index away and build it again.
            log.debug("index.open_failed dir={}", indexDir, e);
            return null;
        }
    }

    private static void build(Path indexDir, Map<String, Passage> byId, TextAnalysis analysis, IndexProgress progress)
            throws IOException {
        deleteContents(indexDir);
        IndexWriterConfig config = new IndexWriterConfig(analysis.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        int total = byId.size();
        int done = 0;
        progress.update(0, total);
        try (Directory dir = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(dir, config)) {
            for (Passage p : byId.values()) {
                writer.addDocument(toDocument(p));
                done++;
                if (done % 25 == 0 && done < total) {
                    progress.update(done, total);
                }
            }
            writer.commit();
        }
        progress.update(total, total);
    }

    private static Document toDocument(Passage p) {
        List<String> path = p.section().headingPath();
        Document doc = new Document();
        doc.add(new StringField(ID, p.id(), Field.Store.YES));
        doc.add(new TextField(BODY, p.text(), Field.Store.NO));
        doc.add(new TextField(TextAnalysis.BIGRAM_FIELD, p.section().heading() + "\n" + p.text(), Field.Store.NO));
        doc.add(new TextField(HEADING, p.section().heading(), Field.Store.NO));
        // The document title is context too: a section of the price-war playbook is about price wars.
        doc.add(new TextField(PATH, p.section().docTitle() + " " + String.join(" ", path.subList(0, path.size() - 1)), Field.Store.NO));
        return doc;
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!f.equals(dir)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static String readStamp(Path indexDir) {
        Path manifest = indexDir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            props.load(in);
            return props.getProperty("stamp");
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void writeStamp(Path indexDir, String stamp) throws IOException {
        Properties props = new Properties();
        props.setProperty("stamp", stamp);
        try (OutputStream out = Files.newOutputStream(indexDir.resolve(MANIFEST))) {
            props.store(out, "startup-coach search index: rebuilt when the stamp differs from the knowledge files");
        }
    }

    IndexSearcher searcher() {
        return searcher;
    }

    /** The passage stored under a Lucene document id of this index's reader. */
    Passage passageOf(int docId) throws IOException {
        String id = searcher.storedFields().document(docId).get(ID);
        return passages.get(id);
    }

    /** The indexed passages (body sections only). */
    public java.util.Collection<Passage> passages() {
        return passages.values();
    }

    /** How many passages are indexed. */
    public int size() {
        return passages.size();
    }

    /** True when this start had to (re)build the index. */
    public boolean rebuilt() {
        return rebuilt;
    }

    /** Why this start had to rebuild a broken index, for the user; empty when nothing was wrong. */
    public java.util.Optional<String> warning() {
        return java.util.Optional.ofNullable(warning);
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
