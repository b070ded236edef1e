package startupcoach.digest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One digest, independent of how a platform shows it: a title, an intro, a few passages quoted
 * verbatim with their citations, and what the team asked since the last digest.
 *
 * @param title  one line, e.g. {@code Startup digest · risk, pricing}
 * @param intro  one or two sentences on what follows
 * @param items  2–3 passages, most relevant first; empty only when no section matches the topics
 * @param asked  questions asked in the conversation since the last digest, oldest first; may be empty
 * @param slot   the scheduled time this digest is for (a preview: when it was made)
 */
public record Digest(String title, String intro, List<Item> items, List<TeamQuestion> asked, Instant slot) {

    /** Heading of the {@link #asked()} part. */
    public static final String ASKED_HEADING = "What your team asked";

    public Digest {
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(intro, "intro == null");
        items = List.copyOf(items);
        asked = List.copyOf(asked);
        Objects.requireNonNull(slot, "slot == null");
    }

    /**
     * A passage quoted verbatim.
     *
     * @param text      the passage text, exactly as in the knowledge base
     * @param citation  {@code 《title》 › heading › path}
     * @param passageId the knowledge base's passage id (rotation keeps these)
     */
    public record Item(String text, String citation, String passageId) {
        public Item {
            Objects.requireNonNull(text, "text == null");
            Objects.requireNonNull(citation, "citation == null");
            Objects.requireNonNull(passageId, "passageId == null");
        }
    }

    /**
     * A question from the conversation and the sections that answered it.
     *
     * @param question  as asked
     * @param citations citations of the sections the answer quoted; empty when not covered
     * @param covered   whether the knowledge base had an answer
     */
    public record TeamQuestion(String question, List<String> citations, boolean covered) {
        public TeamQuestion {
            Objects.requireNonNull(question, "question == null");
            citations = List.copyOf(citations);
        }
    }

    /** Nothing to post: no passage and no question. */
    public boolean isEmpty() {
        return items.isEmpty() && asked.isEmpty();
    }

    public List<String> passageIds() {
        return items.stream().map(Item::passageId).toList();
    }

    /** Complete plain text: the CLI preview, chat previews, and a platform's notification fallback. */
    public String plainText() {
        StringBuilder out = new StringBuilder(title).append("\n\n").append(intro).append('\n');
        for (Item item : items) {
            out.append('\n');
            item.text().lines().forEach(l -> out.append("> ").append(l).append('\n'));
            out.append("— ").append(item.citation()).append('\n');
        }
        if (!asked.isEmpty()) {
            out.append('\n').append(ASKED_HEADING).append(":\n");
            for (TeamQuestion q : asked) {
                out.append("• ").append(q.question()).append('\n');
                if (q.citations().isEmpty()) {
                    out.append("  (not covered by the knowledge base)\n");
                }
                q.citations().forEach(c -> out.append("  — ").append(c).append('\n'));
            }
        }
        return out.toString().stripTrailing();
    }
}
