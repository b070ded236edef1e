package startupcoach.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed and chunked knowledge base: documents, sections, passages, and lookups by id and by
 * user-typed citation. Built once by {@link #load(Path)}; immutable and thread-safe.
 *
 * <p>{@link #passages()} holds the passages of every section, outline copies and front matter
 * included (their kind is on {@link Passage#section()}); {@link #citablePassages()} holds only
 * body passages, the ones an answer may cite.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.load(Path.of("knowledge"));
 * kb.warnings().forEach(System.err::println);   // skipped files, repaired defects
 * Optional<Section> s = kb.findSection("《大模型创业的风险与机遇》 › 2.4 财务风险");
 * }</pre>
 */
public final class KnowledgeBase {

    private final List<Document> documents;
    private final List<Section> sections;
    private final List<Passage> passages;
    private final List<Passage> citablePassages;
    private final String contentHash;
    private final List<String> warnings;
    private final Map<String, Section> byId;
    private final CitationResolver citations;

    private KnowledgeBase(List<Document> documents, Chunker chunker, String contentHash, List<String> warnings) {
        this.documents = List.copyOf(documents);
        this.contentHash = Objects.requireNonNull(contentHash, "contentHash == null");
        this.warnings = List.copyOf(warnings);
        List<Section> allSections = new ArrayList<>();
        List<Passage> allPassages = new ArrayList<>();
        Map<String, Section> ids = new LinkedHashMap<>();
        for (Document document : this.documents) {
            for (Section section : document.sections()) {
                if (ids.putIfAbsent(section.id(), section) != null) {
                    throw new IllegalArgumentException("duplicate section id " + section.id());
                }
                allSections.add(section);
                allPassages.addAll(chunker.chunk(section));
            }
        }
        this.sections = List.copyOf(allSections);
        this.passages = List.copyOf(allPassages);
        this.citablePassages = passages.stream().filter(p -> p.section().kind() == SectionKind.BODY).toList();
        this.byId = Map.copyOf(ids);
        this.citations = new CitationResolver(this.documents, this.byId);
    }

    /**
     * Loads every {@code *.md} file directly in {@code dir} (sorted by name) with the default
     * {@link Chunker}.
     *
     * @throws KnowledgeException when {@code dir} is missing, not a directory, has no {@code .md}
     *                            file, or none of them could be read; single unreadable or
     *                            non-UTF-8 files are skipped and reported in {@link #warnings()}
     */
    public static KnowledgeBase load(Path dir) {
        return load(dir, new Chunker());
    }

    /**
     * Like {@link #load(Path)}, but every {@code *.md} file must load: for a reload, where the
     * previous knowledge base keeps serving and a broken file must be fixed rather than dropped.
     *
     * @throws BrokenFileException naming the file and line of the first file that is unreadable, not
     *                             valid UTF-8, binary, or has no section after parsing
     * @throws KnowledgeException  as {@link #load(Path)} for the directory itself
     */
    public static KnowledgeBase loadStrict(Path dir) {
        Objects.requireNonNull(dir, "dir == null");
        Chunker chunker = new Chunker();
        KnowledgeLoader.Loaded loaded = new KnowledgeLoader().load(dir, true);
        return new KnowledgeBase(loaded.documents(), chunker, loaded.contentHash(), loaded.warnings());
    }

    /** Like {@link #load(Path)} with a custom chunker. */
    public static KnowledgeBase load(Path dir, Chunker chunker) {
        Objects.requireNonNull(dir, "dir == null");
        Objects.requireNonNull(chunker, "chunker == null");
        KnowledgeLoader.Loaded loaded = new KnowledgeLoader().load(dir);
        return new KnowledgeBase(loaded.documents(), chunker, loaded.contentHash(), loaded.warnings());
    }

    /** Documents in file-name order. */
    public List<Document> documents() {
        return documents;
    }

    /** Every section of every document, in document then file order. */
    public List<Section> sections() {
        return sections;
    }

    /** Passages of all sections, whatever their kind. */
    public List<Passage> passages() {
        return passages;
    }

    /** Passages of {@link SectionKind#BODY} sections only: what retrieval should cite. */
    public List<Passage> citablePassages() {
        return citablePassages;
    }

    /**
     * Lower-case hex SHA-256 over the parser format version and, per loaded file in name order,
     * its name and bytes. Equal hashes mean an index built from this knowledge base is current.
     */
    public String contentHash() {
        return contentHash;
    }

    /** Files that were skipped and defects that were repaired while parsing, one message each. */
    public List<String> warnings() {
        return warnings;
    }

    /** The section with this id ({@code fileName#ordinal}). */
    public Optional<Section> section(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The document loaded from {@code fileName}. */
    public Optional<Document> document(String fileName) {
        return documents.stream().filter(d -> d.fileName().equals(fileName)).findFirst();
    }

    /**
     * The best section for a user-typed citation (see {@link #findSections}); body sections win
     * over outline copies with the same heading.
     */
    public Optional<Section> findSection(String citation) {
        return findSections(citation).stream().findFirst();
    }

    /**
     * All sections matching a user-typed citation, best first. Accepted forms:
     * {@code 《title》 › a › b} (as {@link Section#citation()} renders it, {@code >} works too),
     * {@code file.md › heading}, a section id, a heading path or heading text, or a heading's
     * number such as {@code 4.4.3} or {@code 第5章}. Empty when nothing matches or the input is blank.
     */
    public List<Section> findSections(String citation) {
        return citations.resolve(citation);
    }

    /** Per document, its title and top-level body chapters. */
    public List<Topic> topics() {
        return Topics.of(documents);
    }
}
