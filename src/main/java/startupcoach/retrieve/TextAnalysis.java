package startupcoach.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one analyzer used for indexing and querying, so both sides agree on terms.
 *
 * <p>smartcn segments Chinese into words (a BM25 over single characters would match 的/是
 * everywhere) and passes Latin words through lower-cased and Porter-stemmed, so "GDPR" or
 * "SaaS" inside the Chinese text match English questions too. The stop set adds the question
 * words founders type ("怎么", "有没有", "how", "should") that carry no topic.
 */
public final class TextAnalysis {

    private static final List<String> QUESTION_WORDS = List.of(
            // Chinese function and question words that smartcn emits as words of their own
            "的", "了", "是", "一", "在", "和", "与", "或", "及", "也", "都", "就", "还", "又", "把", "被", "对",
            "怎么", "怎样", "怎么样", "如何", "什么", "哪些", "哪个", "哪", "为什么", "为何", "是否",
            "有没有", "有", "没有", "没", "吗", "呢", "吧", "啊", "呀", "啥", "咋", "咋办", "怎么办", "办",
            "我们", "我", "你", "你们", "他们", "它", "自己", "这", "那", "这个", "那个", "这种", "这些",
            "那些", "一个", "一些", "个", "种", "些", "要", "想", "能", "会", "可以", "应该", "需要",
            "比较", "具体", "一下", "现在", "大概", "多少", "主要", "尤其", "先", "做", "搞", "弄", "该",
            "让", "给", "从", "到", "着", "过", "得", "地", "很", "太", "更", "最", "上", "下", "中",
            "里", "时", "后", "前", "内", "以", "之", "其", "所", "为", "而", "并", "但", "如果", "因为",
            "所以", "可能", "怎", "么", "请问", "请", "推荐", "参考",
            // fillers of chatty, situation-first messages ("到底该…", "接下来该…", "…的时候")
            "到底", "接下来", "其实", "真的", "一直", "已经", "然后", "这样", "那样", "这么", "那么", "还是",
            "或者", "另外", "同时", "时候", "目前", "眼下");

    private static final CharArraySet STOP_WORDS = buildStopWords();

    private final Analyzer words = new SmartChineseAnalyzer(STOP_WORDS);
    /**
     * Overlapping CJK bigrams: a safety net for smartcn's segmentation, which splits the same word
     * differently in different contexts (算力 in a question, 算 + 力 in a passage).
     */
    private final Analyzer bigrams = new CJKAnalyzer(STOP_WORDS);
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(words, Map.of(BIGRAM_FIELD, bigrams));

    /** The index field analysed into bigrams; every other field gets words. */
    public static final String BIGRAM_FIELD = "bigram";

    private static CharArraySet buildStopWords() {
        CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        set.addAll(QUESTION_WORDS);
        for (String w : List.of("how", "what", "which", "when", "where", "who", "why", "do", "does",
                "did", "we", "our", "us", "i", "my", "me", "you", "your", "should", "can", "could",
                "would", "any", "there", "is", "are", "was", "be", "been", "has", "have", "had",
                "about", "some", "way", "ways", "get", "need", "want", "its", "it's", "we're",
                "let", "make", "too", "much", "many", "very", "more", "most", "so", "than",
                // the fillers of chatty English messages: who is asking, hedges, pointers back
                "kind", "sort", "like", "say", "says", "said", "tell", "other", "others", "anyone", "someone",
                "ours", "they", "them", "themselves", "their", "this", "that", "these", "those", "it", "out",
                "anything", "something", "thing", "things", "just", "really", "honestly", "actually", "basically",
                "roughly", "now", "right", "even", "still", "also", "already", "here", "go", "going", "got",
                "'ve", "ve", "re", "ll", "d", "m", "s", "t", "don't", "doesn't", "isn't", "aren't", "each", "every")) {
            set.add(w);
        }
        // smartcn stems Latin words before it drops stop words, so the stems must be stop words too
        // ("this" arrives as "thi", "does" as "doe").
        for (Object w : set.toArray()) {
            String word = new String((char[]) w);
            if (word.codePoints().allMatch(cp -> cp < 0x80)) {
                set.add(porterStem(word));
            }
        }
        return CharArraySet.unmodifiableSet(set);
    }

    private static String porterStem(String word) {
        try (org.apache.lucene.analysis.Tokenizer tokenizer = new org.apache.lucene.analysis.core.WhitespaceTokenizer();
             TokenStream ts = new org.apache.lucene.analysis.en.PorterStemFilter(tokenizer)) {
            tokenizer.setReader(new java.io.StringReader(word));
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            String stem = ts.incrementToken() ? term.toString() : word;
            ts.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analyzer for index fields and queries. Thread-safe, reused across calls. */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** The content terms of a text, in order of appearance, duplicates kept. */
    public List<String> terms(String text) {
        return analyze("body", text);
    }

    /** The CJK bigrams (and Latin words) of a text, for the {@link #BIGRAM_FIELD}. */
    public List<String> bigrams(String text) {
        return analyze(BIGRAM_FIELD, text);
    }

    private List<String> analyze(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (isContentTerm(t)) {
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            // Reading from a String cannot fail; keep the checked exception out of callers.
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Single Latin letters and bare punctuation leftovers say nothing about a topic. */
    private static boolean isContentTerm(String t) {
        if (t.isBlank()) {
            return false;
        }
        if (t.codePoints().allMatch(cp -> !Character.isLetterOrDigit(cp))) {
            return false;
        }
        return !(t.length() == 1 && t.charAt(0) < 0x80);
    }
}
