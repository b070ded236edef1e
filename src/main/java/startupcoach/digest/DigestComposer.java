package startupcoach.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Retriever;

/**
 * Chooses what one digest quotes. The candidates for a set of topics are the knowledge base's
 * {@link SectionKind#BODY} sections whose heading path or text contains one of the topics' words,
 * one passage each, ordered by the retriever's relevance for those words (sections it does not
 * rank follow in file order). A digest takes the {@value #ITEMS} candidates sent to the
 * conversation the fewest times, in that order: a round robin through the candidates, so no
 * passage repeats before every candidate was sent, and every round has the first round's order
 * (a digest at the end of a round continues straight into the next).
 *
 * <p>Deterministic for a given knowledge base and history; thread-safe.
 */
public final class DigestComposer {

    /** Passages per digest. */
    public static final int ITEMS = 3;
    /** How deep the relevance order goes; the rest of the matching sections keep file order. */
    private static final int RANKED = 200;

    private final Supplier<KnowledgeBase> knowledge;
    private final Retriever retriever;
    /** The candidates of one knowledge base: a reload brings a new one, and the cache starts over. */
    private final AtomicReference<Candidates> cache = new AtomicReference<>();

    private record Candidates(KnowledgeBase kb, Map<List<DigestTopic>, List<Passage>> byTopics) {
    }

    public DigestComposer(KnowledgeBase kb, Retriever retriever) {
        this(supplierOf(Objects.requireNonNull(kb, "kb == null")), retriever);
    }

    /**
     * Over the knowledge base in service at each digest ({@code serve} re-indexes without a restart).
     *
     * @param knowledge the current knowledge base, never null
     * @param retriever searches the same knowledge base
     */
    public DigestComposer(Supplier<KnowledgeBase> knowledge, Retriever retriever) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge == null");
        this.retriever = Objects.requireNonNull(retriever, "retriever == null");
    }

    private static Supplier<KnowledgeBase> supplierOf(KnowledgeBase kb) {
        return () -> kb;
    }

    /** One passage per matching body section, most relevant first (computed once per topic set and knowledge base). */
    public List<Passage> candidates(List<DigestTopic> topics) {
        List<DigestTopic> key = topics.isEmpty() ? List.of(DigestTopic.values()) : List.copyOf(topics);
        KnowledgeBase kb = knowledge.get();
        Candidates current = cache.updateAndGet(c -> c != null && c.kb() == kb ? c : new Candidates(kb, new ConcurrentHashMap<>()));
        return current.byTopics().computeIfAbsent(key, t -> findCandidates(kb, t));
    }

    private List<Passage> findCandidates(KnowledgeBase kb, List<DigestTopic> topics) {
        Map<String, Passage> bySection = new LinkedHashMap<>();
        for (Passage p : kb.citablePassages()) {
            Section s = p.section();
            if (s.kind() != SectionKind.BODY || !matches(topics, s)) {
                continue;
            }
            // A section's representative is its first passage that names the topic, else its first.
            Passage current = bySection.get(s.id());
            if (current == null || (!matchesText(topics, current.text()) && matchesText(topics, p.text()))) {
                bySection.put(s.id(), p);
            }
        }
        String words = topics.stream().flatMap(t -> t.keywords().stream()).distinct().collect(Collectors.joining(" "));
        Map<String, Passage> ordered = new LinkedHashMap<>();
        for (Hit hit : retriever.search(words, RANKED).hits()) {
            String sectionId = hit.passage().section().id();
            if (bySection.containsKey(sectionId) && !ordered.containsKey(sectionId)) {
                ordered.put(sectionId, matchesText(topics, hit.passage().text()) ? hit.passage() : bySection.get(sectionId));
            }
        }
        bySection.forEach(ordered::putIfAbsent);
        return List.copyOf(ordered.values());
    }

    private static boolean matches(List<DigestTopic> topics, Section s) {
        return matchesText(topics, String.join(" ", s.headingPath())) || matchesText(topics, s.text());
    }

    private static boolean matchesText(List<DigestTopic> topics, String text) {
        return topics.stream().anyMatch(t -> t.matches(text));
    }

    /**
     * Composes the next digest for a conversation with this history. Reads and records nothing:
     * the scheduler records what was sent once the post succeeded.
     *
     * @param topics  empty means every topic
     * @param slot    the scheduled instant (a preview: now)
     */
    public Digest compose(List<DigestTopic> topics, DigestHistory history, Instant slot) {
        List<DigestTopic> effective = topics.isEmpty() ? List.of(DigestTopic.values()) : topics;
        List<Passage> candidates = candidates(effective);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        // Fewest sends first, relevance order among equals: a round robin that survives restarts,
        // stopped subscriptions and passages added to the knowledge base (they start at zero).
        order.sort(Comparator.comparing((Integer i) -> history.sentCounts().getOrDefault(candidates.get(i).id(), 0))
                .thenComparing(i -> i));
        List<Digest.Item> items = new ArrayList<>();
        int round = Integer.MAX_VALUE;
        for (int i : order.subList(0, Math.min(ITEMS, order.size()))) {
            Passage p = candidates.get(i);
            round = Math.min(round, history.sentCounts().getOrDefault(p.id(), 0) + 1);
            items.add(new Digest.Item(p.text(), p.section().citation(), p.id()));
        }
        List<Digest.TeamQuestion> asked = history.asked().stream().map(this::teamQuestion).toList();
        return new Digest(title(topics), intro(effective, items.size(), round, !asked.isEmpty()), items, asked, slot);
    }

    private Digest.TeamQuestion teamQuestion(AnsweredQuestion q) {
        List<String> citations = q.citedSectionIds().stream().map(knowledge.get()::section)
                .flatMap(java.util.Optional::stream).map(Section::citation).toList();
        return new Digest.TeamQuestion(q.question(), citations, q.covered());
    }

    private static String title(List<DigestTopic> topics) {
        return "Startup digest · " + (topics.isEmpty() ? "all topics" : topics.stream().map(DigestTopic::key)
                .collect(Collectors.joining(", ")));
    }

    private static String intro(List<DigestTopic> topics, int items, int round, boolean asked) {
        List<String> keys = topics.stream().map(DigestTopic::key).toList();
        String about = topics.size() == DigestTopic.values().length ? "building a start-up" : keys.size() == 1 ? keys.get(0)
                : String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1);
        StringBuilder out = new StringBuilder();
        if (items == 0) {
            out.append("The knowledge base has no section on ").append(about).append('.');
        } else {
            out.append(items == 1 ? "One passage" : items + " passages").append(" on ").append(about)
                    .append(" from the knowledge base, quoted as written.");
            if (round > 1) {
                out.append(" Every passage on these topics has been sent here; this is round ").append(round).append('.');
            }
            out.append(" Type source <citation> to read a section in full.");
        }
        if (asked) {
            out.append(" Below: what your team asked since the last digest.");
        }
        return out.toString();
    }
}
