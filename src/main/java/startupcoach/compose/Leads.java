package startupcoach.compose;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import startupcoach.retrieve.Intent;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.Specificity;

/** The one sentence before the quotes, in the question's language. */
final class Leads {

    /** "**市场定位调整**：调整市场定位…": the bold words name the point. */
    private static final Pattern POINT_LABEL = Pattern.compile("^\\*\\*([^*]{2,24})\\*\\*\\s*[:：]");
    private static final int MAX_LABELS = 4;

    private Leads() {
    }

    /**
     * What the knowledge base recommends, from the cited headings and the points' own labels: the
     * asker learns the gist before reading the quotes. Says first when a specific figure, rule or
     * listing term that was asked for is not there.
     */
    static String covered(Query query, List<CitedGroup> groups, HeadingLabels labels) {
        boolean en = query.language() == Language.EN;
        String lead = en ? english(query.intents(), groups, labels) : chinese(query.intents(), groups);
        Specificity specificity = query.specificity();
        if (specificity == null || !specificity.partial()) {
            return lead;
        }
        return (en ? "The knowledge base gives no specific " + missing(MISSING_EN, specificity.kinds(), " or ") + " for this. On the general question: "
                : "知识库没有给出具体的" + missing(MISSING_ZH, specificity.kinds(), "、") + "；关于一般做法，") + lead;
    }

    private static String chinese(Set<Intent> intents, List<CitedGroup> groups) {
        String where = "「" + HeadingLabels.topic(groups.get(0).section().heading()) + "」"
                + (groups.size() > 1 ? "等 " + groups.size() + " 个章节" : "");
        List<String> named = pointLabels(groups);
        String says = intents.contains(Intent.HOW) ? "建议" : intents.contains(Intent.RISKS) ? "列出的风险"
                : intents.contains(Intent.EXAMPLES) ? "的案例与启示" : intents.contains(Intent.DEFINITION) ? "的解释" : "的要点";
        String head = "知识库在" + where + "中" + says;
        return named.size() >= 2 ? head + "：" + String.join("、", named) + "。" : head + "：";
    }

    private static String english(Set<Intent> intents, List<CitedGroup> groups, HeadingLabels labels) {
        List<String> named = new ArrayList<>();
        for (String zh : pointLabels(groups)) {
            labels.render(zh).ifPresent(l -> named.add(l.toLowerCase(java.util.Locale.ROOT)));
        }
        String says = intents.contains(Intent.HOW) ? "recommends" : intents.contains(Intent.RISKS) ? "lists these risks"
                : intents.contains(Intent.EXAMPLES) ? "has these cases and lessons" : intents.contains(Intent.DEFINITION)
                ? "explains it" : "says";
        if (named.size() >= 2) {
            return "The knowledge base " + says + ": " + String.join("; ", named) + " (quotes in Chinese, sources below).";
        }
        Optional<String> label = labels.of(groups.get(0).section());
        String where = label.map(l -> "\u201C" + l + "\u201D").orElse("source [1]");
        int more = groups.size() - 1;
        return "From " + where + (more > 0 ? " and " + more + (more == 1 ? " more section" : " more sections") : "")
                + ", the knowledge base " + says + " (quotes in Chinese):";
    }

    /** The points' bold labels, at most a few: enough to name the advice in one line. */
    private static List<String> pointLabels(List<CitedGroup> groups) {
        List<String> out = new ArrayList<>();
        for (CitedGroup g : groups) {
            for (String s : g.sentences()) {
                Matcher m = POINT_LABEL.matcher(s);
                if (m.find() && out.size() < MAX_LABELS && !out.contains(m.group(1).strip())) {
                    out.add(m.group(1).strip());
                }
            }
        }
        return out;
    }

    /** What a specific question wanted that the knowledge base lacks, in each language. */
    private static final Map<Specificity.Kind, String> MISSING_ZH = new EnumMap<>(Map.of(
            Specificity.Kind.FIGURE, "数字",
            Specificity.Kind.RULE, "法规条款或办理要求",
            Specificity.Kind.SECURITY, "上市标准或个股信息"));
    private static final Map<Specificity.Kind, String> MISSING_EN = new EnumMap<>(Map.of(
            Specificity.Kind.FIGURE, "figures",
            Specificity.Kind.RULE, "legal or filing requirements",
            Specificity.Kind.SECURITY, "listing rules or stock picks"));

    /** The kinds asked for, in the enum's order (an EnumMap iterates in it), joined by {@code separator}. */
    private static String missing(Map<Specificity.Kind, String> names, Set<Specificity.Kind> kinds, String separator) {
        return names.entrySet().stream().filter(e -> kinds.contains(e.getKey())).map(Map.Entry::getValue)
                .collect(Collectors.joining(separator));
    }

    static String notCovered(Language lang, boolean hasClosest) {
        if (lang == Language.EN) {
            return "The knowledge base does not cover this."
                    + (hasClosest ? " The closest topics it does cover:" : "");
        }
        return "知识库没有涉及这个问题。" + (hasClosest ? "它涵盖的最接近的主题：" : "");
    }

    /** Before a language model's prose: says where it comes from and that the sources follow. */
    static String composed(Language lang, int sections) {
        if (lang == Language.EN) {
            return "Based on " + sections + (sections == 1 ? " section" : " sections")
                    + " of the knowledge base (sources below):";
        }
        return "根据知识库中的 " + sections + " 个章节（出处见下）：";
    }

    /** Above quotes shown because the language model failed. */
    static String modelUnavailable(Language lang) {
        return lang == Language.EN ? "(The language model was unavailable; showing quotes instead.)"
                : "（语言模型暂时不可用，以下为知识库原文摘录。）";
    }

    /** Above quotes shown because the language model's answer cited no passage it was given. */
    static String modelUncited(Language lang) {
        return lang == Language.EN ? "(The language model's answer cited no source; showing quotes instead.)"
                : "（语言模型的回答没有引用出处，以下为知识库原文摘录。）";
    }
}
