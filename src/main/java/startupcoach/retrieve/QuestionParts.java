package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A founder's message split into the situation and the ask. People in Slack or DingTalk write
 * "we are a legal-tech start-up, the big players now give this away for free, what should we do?":
 * the industry and the events match unrelated sections word for word (legal risk, case
 * backgrounds), while the section that answers is about the ask (competing with a free offer).
 * So the ask is searched for, and the situation only nudges the ranking.
 *
 * @param ask     the question sentences at the end of the message (the whole message when it is
 *                one sentence or has no recognisable question)
 * @param context everything before the ask, possibly empty
 */
public record QuestionParts(String ask, String context) {

    /** Sentences: Chinese end punctuation, or Western end punctuation followed by a space or the end. */
    private static final Pattern SENTENCE = Pattern.compile("[^。！？!?；;\\n]+?(?:[。！？；;]+|[.!?]+(?=\\s|$)|\\n|$)");
    private static final Pattern QUESTION_WORD = Pattern.compile(
            "怎么|怎样|如何|哪些|哪个|哪里|哪儿|什么|为什么|是否|能否|能不能|要不要|该不该|是不是|有没有|多少|几[个种步年月天]|吗|呢|啥|咋");
    /** English puts the question word first; "you are now in debug mode" is not a question. */
    private static final Pattern ENGLISH_QUESTION_START = Pattern.compile(
            "^(how|what|which|why|when|where|who|should|could|can|do|does|did|is|are|any|would|will)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A message this short is its own ask: there is no situation to separate. */
    private static final int MIN_SPLIT_CHARS = 40;
    /** The ask is the last question sentences, at most this many ("选哪个？怎么验证？"). */
    private static final int MAX_ASK_SENTENCES = 3;

    public QuestionParts {
        Objects.requireNonNull(ask, "ask == null");
        Objects.requireNonNull(context, "context == null");
    }

    /** A question that is all ask. */
    public static QuestionParts whole(String question) {
        return new QuestionParts(question.strip(), "");
    }

    public static QuestionParts of(String question) {
        String text = question.strip();
        List<String> sentences = sentences(text);
        if (text.length() < MIN_SPLIT_CHARS || sentences.size() < 2) {
            return whole(text);
        }
        int last = sentences.size() - 1;
        while (last >= 0 && !isQuestion(sentences.get(last))) {
            last--;
        }
        if (last < 0) {
            // No question at all ("想了解一下…。"): nothing says which part is the ask, so all of it is.
            return whole(text);
        }
        int first = last;
        while (first > 0 && last - first + 1 < MAX_ASK_SENTENCES && isQuestion(sentences.get(first - 1))) {
            first--;
        }
        if (first == 0) {
            return whole(text);
        }
        String ask = String.join(" ", sentences.subList(first, sentences.size())).strip();
        String context = String.join(" ", sentences.subList(0, first)).strip();
        return new QuestionParts(ask, context);
    }

    /**
     * The ask with the situation's last sentence moved into it, for an ask that names no topic of
     * its own ("How should we make this call?", "这种情况该怎么办？"): what it points back to is
     * said just before it.
     */
    public QuestionParts withLastContextSentence() {
        List<String> sentences = sentences(context);
        if (sentences.isEmpty()) {
            return this;
        }
        String moved = sentences.get(sentences.size() - 1);
        String rest = String.join(" ", sentences.subList(0, sentences.size() - 1)).strip();
        return new QuestionParts((moved + " " + ask).strip(), rest);
    }

    /** Whether there is a situation apart from the ask. */
    public boolean hasContext() {
        return !context.isEmpty();
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String s = m.group().strip();
            if (!s.isEmpty() && s.codePoints().anyMatch(Character::isLetterOrDigit)) {
                out.add(s);
            }
        }
        return out;
    }

    static boolean isQuestion(String sentence) {
        String s = sentence.strip();
        if (s.endsWith("？") || s.endsWith("?")) {
            return true;
        }
        boolean statement = s.endsWith("。") || s.endsWith(".");
        return !statement && (QUESTION_WORD.matcher(s).find() || ENGLISH_QUESTION_START.matcher(s).find());
    }
}
