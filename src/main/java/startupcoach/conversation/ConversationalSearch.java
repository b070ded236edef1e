package startupcoach.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.SearchResult;

/**
 * Retrieval that reads a question in the light of the conversation so far.
 *
 * <p>A follow-up ("那企业客户呢？", "any examples?") says little on its own, so it is searched twice:
 * alone, and rewritten with the topic of the last answer carried over (the headings of the sections
 * it cited). The two rankings are fused by reciprocal rank, and sections next to the ones just cited
 * (same parent heading, then same document) get a bonus: founders' follow-ups mostly move to the
 * neighbouring step of the same advice (how → pitfalls → how to test it). "第二点" / "the second
 * point" puts that section of the last answer first.
 *
 * <p>A question starts fresh when it needs no context: it has no back-pointing wording and the
 * knowledge base covers it on its own. A question that points back, or that alone finds nothing
 * convincing, is read with the context.
 *
 * <p>Thread-safe when the retriever is.
 */
public final class ConversationalSearch {

    /** How deep each ranking is read before fusion. */
    static final int DEPTH = 20;
    private static final int RRF_K = 60;
    /** Weight of the rewritten ranking against the question's own: the rewrite knows the topic. */
    private static final double TOPIC_WEIGHT = 1.0;
    private static final double OWN_WEIGHT = 1.0;
    /**
     * Bonus for a sibling/parent/child of a cited section (worth more than a rank-1 place in one
     * ranking: a follow-up that points back mostly means the neighbouring advice), and a small one
     * for any section of the same document (with five documents, sharing one says little).
     */
    private static final double NEIGHBOUR_BONUS = 1.0 / (RRF_K + 1) * 1.5;
    private static final double SAME_DOCUMENT_BONUS = 1.0 / (RRF_K + 1) / 4;
    /** The last answer's best section names its topic; more headings drag the search back to what was just said. */
    private static final int TOPIC_SECTIONS = 1;
    private static final Pattern HEADING_NUMBER = Pattern.compile(
            "^\\s*(第[一二三四五六七八九十百\\d.]+[部分章节]+[:：]?|[\\d.]+|[一二三四五六七八九十]+[、.])\\s*");

    private final Retriever retriever;
    private final KnowledgeBase knowledge;

    /** @param knowledge where the sections cited earlier are looked up; null to carry over only the questions */
    public ConversationalSearch(Retriever retriever, KnowledgeBase knowledge) {
        this.retriever = Objects.requireNonNull(retriever, "retriever == null");
        this.knowledge = knowledge;
    }

    /**
     * What was found for a question and what was searched.
     *
     * @param result        hits best first (at most k), covered flag, and the question's own query
     *                      (its language decides the answer's language)
     * @param searchedQuery the text searched; differs from the question for a follow-up
     * @param followUp      whether the earlier turns were used
     */
    public record Resolution(SearchResult result, String searchedQuery, boolean followUp) {
    }

    /**
     * @param history earlier turns of this conversation, oldest first (may be empty)
     */
    public Resolution search(String question, List<Turn> history, int k) {
        SearchResult alone = retriever.search(question, Math.max(k, DEPTH));
        if (history.isEmpty()) {
            return new Resolution(top(alone, alone.hits(), alone.covered(), k), question, false);
        }
        Turn last = history.get(history.size() - 1);
        List<Section> cited = knowledge == null ? List.of()
                : last.citedSectionIds().stream().map(knowledge::section).flatMap(Optional::stream).toList();
        boolean pointsBack = FollowUps.pointsBack(question);
        if (!pointsBack && alone.covered()) {
            return new Resolution(top(alone, alone.hits(), alone.covered(), k), question, false);
        }
        String rewritten = question + " " + topic(last, cited);
        SearchResult withTopic = retriever.search(rewritten, Math.max(k, DEPTH));
        List<Hit> fused = fuse(alone.hits(), withTopic.hits(), cited, FollowUps.ordinal(question));
        Query query = new Query(question, alone.query().language(), withTopic.query().terms(), withTopic.query().expansions(),
                withTopic.query().concepts());
        SearchResult merged = new SearchResult(query, fused, withTopic.covered() || alone.covered(),
                Math.max(withTopic.coverage(), alone.coverage()));
        return new Resolution(top(merged, fused, merged.covered(), k), rewritten, true);
    }

    /** The last turn's subject in the knowledge base's own words: its cited headings, or its question. */
    private static String topic(Turn last, List<Section> cited) {
        if (cited.isEmpty()) {
            return last.searchedQuery();
        }
        List<String> headings = new ArrayList<>();
        for (Section s : cited.subList(0, Math.min(TOPIC_SECTIONS, cited.size()))) {
            String h = HEADING_NUMBER.matcher(s.heading()).replaceFirst("").strip();
            if (!h.isEmpty() && !headings.contains(h)) {
                headings.add(h);
            }
        }
        return headings.isEmpty() ? last.searchedQuery() : String.join(" ", headings);
    }

    private List<Hit> fuse(List<Hit> own, List<Hit> withTopic, List<Section> cited, Optional<Integer> ordinal) {
        Map<String, Double> scores = new HashMap<>();
        Map<String, Hit> passages = new LinkedHashMap<>();
        add(withTopic, TOPIC_WEIGHT, scores, passages);
        add(own, OWN_WEIGHT, scores, passages);
        for (Map.Entry<String, Hit> e : passages.entrySet()) {
            scores.merge(e.getKey(), bonus(e.getValue().passage().section(), cited), Double::sum);
        }
        List<String> order = new ArrayList<>(passages.keySet());
        order.sort(Comparator.comparingDouble((String id) -> -scores.get(id)));
        if (ordinal.isPresent() && !cited.isEmpty()) {
            // "展开说说第二点": the point the user names comes first, whatever the words score.
            Section named = cited.get(Math.min(ordinal.get(), cited.size() - 1));
            order.remove(named.id());
            order.add(0, named.id());
            passages.computeIfAbsent(named.id(), id -> new Hit(knowledge.passages().stream()
                    .filter(p -> p.section().id().equals(id)).findFirst().orElseThrow(), 0, 1));
        }
        List<Hit> out = new ArrayList<>();
        for (String id : order) {
            out.add(new Hit(passages.get(id).passage(), scores.getOrDefault(id, 0.0), out.size() + 1));
        }
        return out;
    }

    private static void add(List<Hit> ranking, double weight, Map<String, Double> scores, Map<String, Hit> passages) {
        for (Hit h : ranking) {
            String id = h.passage().section().id();
            scores.merge(id, weight / (RRF_K + h.rank()), Double::sum);
            passages.putIfAbsent(id, h);
        }
    }

    private static double bonus(Section candidate, List<Section> cited) {
        double best = 0;
        for (Section c : cited) {
            if (neighbours(candidate, c)) {
                return NEIGHBOUR_BONUS;
            }
            if (candidate.fileName().equals(c.fileName())) {
                best = SAME_DOCUMENT_BONUS;
            }
        }
        return best;
    }


    /** Siblings, or parent and child: the heading paths differ only in their last step. */
    static boolean neighbours(Section a, Section b) {
        if (!a.fileName().equals(b.fileName())) {
            return false;
        }
        List<String> pa = a.headingPath();
        List<String> pb = b.headingPath();
        int common = 0;
        while (common < pa.size() && common < pb.size() && pa.get(common).equals(pb.get(common))) {
            common++;
        }
        return common >= 1 && common >= Math.min(pa.size(), pb.size()) - 1;
    }

    private static SearchResult top(SearchResult base, List<Hit> hits, boolean covered, int k) {
        return new SearchResult(base.query(), hits.subList(0, Math.min(k, hits.size())), covered, base.coverage());
    }
}
