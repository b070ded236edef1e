package startupcoach.digest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fixed vocabulary a digest subscription chooses from, each topic mapped to the Chinese words
 * the knowledge base uses for it. A section belongs to a topic when its heading path or its text
 * contains one of those words. Users may type the English key, an alias or one of the Chinese words.
 */
public enum DigestTopic {
    RISK("risk", List.of("风险"), List.of("risks", "risk-control", "风控")),
    PRICING("pricing", List.of("定价", "价格", "竞争"), List.of("price", "prices", "price-war", "competition", "价格战")),
    MARKETING("marketing", List.of("营销", "推广"), List.of("market", "promotion", "growth", "市场营销")),
    BRAND("brand", List.of("品牌"), List.of("brands", "branding")),
    FUNDING("funding", List.of("融资", "资金"), List.of("fundraising", "finance", "investment", "投资")),
    TEAM("team", List.of("团队", "人才"), List.of("talent", "hiring", "people")),
    BUSINESS_MODEL("business-model", List.of("商业模式"), List.of("business_model", "businessmodel", "business", "盈利模式")),
    TECHNOLOGY("technology", List.of("技术"), List.of("tech")),
    LEGAL("legal", List.of("法律", "隐私", "合规"), List.of("law", "privacy", "compliance")),
    OPPORTUNITY("opportunity", List.of("机遇", "机会"), List.of("opportunities", "trends"));

    private final String key;
    private final List<String> keywords;
    private final List<String> aliases;

    DigestTopic(String key, List<String> keywords, List<String> aliases) {
        this.key = key;
        this.keywords = keywords;
        this.aliases = aliases;
    }

    /** The English name users type and storage keeps, e.g. {@code business-model}. */
    public String key() {
        return key;
    }

    /** The knowledge base's words for this topic, e.g. 定价, 价格, 竞争. */
    public List<String> keywords() {
        return keywords;
    }

    /** Whether a text (a heading path or a section body) is about this topic. */
    public boolean matches(String text) {
        for (String k : keywords) {
            if (text.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** The topic a user-typed word names: key, alias or Chinese keyword, case-insensitive. */
    public static Optional<DigestTopic> find(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        for (DigestTopic t : values()) {
            if (t.key.equals(w) || t.aliases.contains(w) || t.keywords.contains(w)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The topic stored under {@code key}, if this version still knows it. */
    public static Optional<DigestTopic> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    /** Topic keys separated by commas, for storage and display; "all topics" when empty. */
    public static String keys(List<DigestTopic> topics) {
        return topics.stream().map(DigestTopic::key).collect(Collectors.joining(","));
    }

    /** Parses {@link #keys(List)} output, ignoring keys a later version dropped. */
    public static List<DigestTopic> parseKeys(String keys) {
        List<DigestTopic> out = new ArrayList<>();
        for (String k : keys.split(",")) {
            fromKey(k.strip()).filter(t -> !out.contains(t)).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** One line per topic: {@code risk (风险)}, for usage replies and the README. */
    public static String vocabulary() {
        return Arrays.stream(values()).map(t -> t.key + " (" + String.join("/", t.keywords) + ")")
                .collect(Collectors.joining(", "));
    }
}
