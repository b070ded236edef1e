package startupcoach.knowledge;

/**
 * What role a section plays in its document. Only {@link #BODY} sections are cited in answers:
 * an outline or table of contents repeats the chapter headings before the body, and front matter
 * (title, keywords, abstract, author) says what the document is about without answering anything.
 */
public enum SectionKind {
    /** The full text of a chapter or sub-section: the only kind worth citing. */
    BODY,
    /** A table of contents or condensed outline that repeats headings found later in the body. */
    OUTLINE,
    /** Title block, keyword list, abstract, author line. */
    FRONT_MATTER
}
