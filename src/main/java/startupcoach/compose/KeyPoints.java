package startupcoach.compose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Intent;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.TextAnalysis;

/**
 * Chooses the few sentences of the retrieved passages that answer the ask: the ones sharing most
 * terms with it, preferring sentences that advise when the founder asked what to do, and never
 * the same point twice (the documents repeat themselves across chapters and books). Sentences are
 * kept verbatim, only a leading list number is dropped, since the points are renumbered.
 */
final class KeyPoints {

    static final int MAX_POINTS = 5;
    static final int MAX_SECTIONS = 3;
    private static final int MAX_PER_SECTION = 3;
    /** About one phone screen: a chat answer is read, not studied. */
    private static final int MAX_CHARS = 900;
    private static final double EXPANSION_WEIGHT = 0.6;
    /** Later hits are less likely to be on the ask; their points must match better to get in. */
    private static final double RANK_DECAY = 0.15;
    /** Two sentences whose character pairs overlap this much say the same thing. */
    private static final double SAME_POINT = 0.5;
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[0-9]{1,2}[.、)）]|[（(][0-9一二三四五六七八九十]{1,2}[)）]|[-*•·])\\s*");
    /** Sentences that tell the founder what to do. */
    private static final Pattern ADVICE = Pattern.compile(
            "应该|应当|需要|要(?!求)|可以|建议|通过|制定|建立|加强|优化|提高|降低|避免|确保|关注|采取|采用|策略|措施|方法");
    private static final Pattern ANNOUNCES_LIST = Pattern.compile("[:：]$");
    /**
     * Sentences that lean on the one before ("例如，…", "此外，…") or only wrap up ("通过以上策略，…",
     * "总之，…"): out of their paragraph they say little, so they rank below a point of their own.
     */
    private static final Pattern LEANS_ON_CONTEXT = Pattern.compile(
            "^(例如|比如|譬如|此外|另外|同时|因此|所以|总之|综上|总的来说|总而言之|通过以上|通过这些|以上|这些|这种|这样|其中)");
    /** A point must score at least this share of the best point's score, or it is filler. */
    private static final double MIN_SHARE_OF_BEST = 0.35;

    private final TextAnalysis analysis;

    KeyPoints(TextAnalysis analysis) {
        this.analysis = Objects.requireNonNull(analysis, "analysis == null");
    }

    /** One candidate sentence. */
    private record Candidate(Section section, int hitIndex, int order, String text, double score) {
    }

    /** The chosen points, grouped by section in hit order, each group's points in document order. */
    Map<Section, List<String>> pick(Query query, List<Hit> hits) {
        boolean examples = query.intents().contains(Intent.EXAMPLES);
        boolean resources = query.intents().contains(Intent.RESOURCES);
        List<Candidate> candidates = new ArrayList<>();
        List<Section> eligible = new ArrayList<>();
        for (int h = 0; h < hits.size(); h++) {
            Section section = hits.get(h).passage().section();
            if (eligible.contains(section) || !eligibleSection(section, examples, resources)) {
                continue;
            }
            eligible.add(section);
            List<String> sentences = Sentences.split(hits.get(h).passage().text());
            for (int i = 0; i < sentences.size(); i++) {
                String s = sentences.get(i);
                if (Junk.isJunk(s) || (!examples && Junk.isNarration(s))) {
                    continue;
                }
                candidates.add(new Candidate(section, eligible.size() - 1, i, s, score(s, query)));
            }
        }
        return choose(candidates);
    }

    private static boolean eligibleSection(Section section, boolean examples, boolean resources) {
        if (section.isReference()) {
            return resources || (examples && Junk.isCaseSection(section));
        }
        return true;
    }

    private Map<Section, List<String>> choose(List<Candidate> candidates) {
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort((a, b) -> Double.compare(weighted(b), weighted(a)));
        List<Candidate> chosen = new ArrayList<>();
        Set<Section> sections = new HashSet<>();
        int chars = 0;
        // The best section always speaks first, even when its wording differs from the ask's.
        candidates.stream().filter(c -> c.hitIndex() == 0).max((a, b) -> Double.compare(a.score(), b.score()))
                .ifPresent(chosen::add);
        for (Candidate c : chosen) {
            sections.add(c.section());
            chars += c.text().length();
        }
        double floor = ranked.isEmpty() ? 0 : MIN_SHARE_OF_BEST * weighted(ranked.get(0));
        for (Candidate c : ranked) {
            if (chosen.size() == MAX_POINTS) {
                break;
            }
            boolean newSection = !sections.contains(c.section());
            if (c.score() <= 0 || weighted(c) < floor || chosen.contains(c) || (newSection && sections.size() == MAX_SECTIONS)
                    || perSection(chosen, c.section()) == MAX_PER_SECTION || chars + c.text().length() > MAX_CHARS
                    || chosen.stream().anyMatch(o -> samePoint(o.text(), c.text()))) {
                continue;
            }
            chosen.add(c);
            sections.add(c.section());
            chars += c.text().length();
        }
        Map<Section, List<String>> out = new LinkedHashMap<>();
        chosen.stream().map(Candidate::hitIndex).distinct().sorted().forEach(h -> chosen.stream()
                .filter(c -> c.hitIndex() == h).sorted((a, b) -> Integer.compare(a.order(), b.order()))
                .forEach(c -> out.computeIfAbsent(c.section(), s -> new ArrayList<>()).add(clean(c.text()))));
        return out;
    }

    private static long perSection(List<Candidate> chosen, Section section) {
        return chosen.stream().filter(c -> c.section().equals(section)).count();
    }

    private static double weighted(Candidate c) {
        return c.score() / (1 + RANK_DECAY * c.hitIndex());
    }

    private double score(String sentence, Query query) {
        Set<String> terms = new HashSet<>(analysis.terms(sentence));
        double score = 0;
        for (String t : query.terms()) {
            score += terms.contains(t) ? 1 : 0;
        }
        for (String t : query.expansions()) {
            score += terms.contains(t) ? EXPANSION_WEIGHT : 0;
        }
        if (score > 0 && query.intents().contains(Intent.HOW) && ADVICE.matcher(sentence).find()) {
            score += 0.5;
        }
        // "…以下几个方面：" announces a list instead of saying something.
        if (ANNOUNCES_LIST.matcher(sentence).find()) {
            score *= 0.3;
        }
        return LEANS_ON_CONTEXT.matcher(clean(sentence)).find() ? score * 0.5 : score;
    }

    /** The sentence without its list number: the answer numbers its own points. */
    static String clean(String sentence) {
        return LIST_MARKER.matcher(sentence).replaceFirst("").strip();
    }

    /** Character-pair overlap of two sentences, ignoring punctuation and markup. */
    static boolean samePoint(String a, String b) {
        Set<String> pa = pairs(a);
        Set<String> pb = pairs(b);
        if (pa.isEmpty() || pb.isEmpty()) {
            return false;
        }
        Set<String> common = new HashSet<>(pa);
        common.retainAll(pb);
        return (double) common.size() / Math.min(pa.size(), pb.size()) >= SAME_POINT;
    }

    private static Set<String> pairs(String s) {
        String t = clean(s).replaceAll("[^\\p{L}\\p{N}]", "");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 <= t.length(); i++) {
            out.add(t.substring(i, i + 2));
        }
        return out;
    }
}
