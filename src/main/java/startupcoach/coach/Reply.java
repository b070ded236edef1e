package startupcoach.coach;

import java.util.Objects;
import java.util.Optional;
import startupcoach.compose.Answer;
import startupcoach.knowledge.Section;

/**
 * The coach's reply, platform-neutral. {@link #text()} is always a complete plain-text rendering
 * (terminal output, notification fallback); platforms with rich layouts use {@link #answer()} or
 * {@link #section()} when present.
 *
 * @param kind    what kind of reply this is
 * @param text    complete plain text, never blank
 * @param answer  the composed answer, for {@link ReplyKind#ANSWER}; else null
 * @param section the section shown, for {@link ReplyKind#SOURCE}; else null
 * @param note    a remark to show above the reply (e.g. "your question was shortened"); may be null
 */
public record Reply(ReplyKind kind, String text, Answer answer, Section section, String note) {

    public Reply {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(text, "text == null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("reply text is blank");
        }
    }

    public static Reply of(ReplyKind kind, String text) {
        return new Reply(kind, text, null, null, null);
    }

    public Optional<Answer> answerIfAny() {
        return Optional.ofNullable(answer);
    }

    public Optional<String> noteIfAny() {
        return Optional.ofNullable(note);
    }

    /** Note and text together, as a plain-text platform shows them. */
    public String fullText() {
        return note == null ? text : note + "\n\n" + text;
    }
}
