package startupcoach.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One heading of a Markdown document with its own body (not its children's).
 *
 * @param id          stable id, unique within a knowledge base: {@code fileName#ordinal}
 * @param fileName    the Markdown file's name relative to the knowledge directory, e.g. {@code price-war.md}
 * @param docTitle    the document's title without 《》 (never blank)
 * @param headingPath ancestor headings then this section's own heading, outermost first; never
 *                    contains the document title itself (the title heading's own section is
 *                    {@value MarkdownParser#TITLE_BLOCK_HEADING}); the last element is {@link #heading()}
 * @param text        the section's own prose, verbatim line by line; fenced code, mermaid and latex
 *                    blocks, thematic breaks and chat-template tokens such as {@code <|im_end|>}
 *                    removed, runs of blank lines collapsed to one; may be empty
 * @param startLine   1-based line of the heading in the file
 * @param endLine     1-based last line of the section's own body (inclusive)
 * @param kind        body, outline copy or front matter
 */
public record Section(String id, String fileName, String docTitle, List<String> headingPath,
                      String text, int startLine, int endLine, SectionKind kind) {

    public Section {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(fileName, "fileName == null");
        Objects.requireNonNull(docTitle, "docTitle == null");
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(kind, "kind == null");
        headingPath = List.copyOf(headingPath);
        if (headingPath.isEmpty()) {
            throw new IllegalArgumentException("headingPath is empty for " + id);
        }
    }

    /** This section's own heading text (the last element of the heading path). */
    public String heading() {
        return headingPath.get(headingPath.size() - 1);
    }

    /**
     * Whether this section sits in a reading list, a tool list or a resource appendix (not an appendix of cases): documents put
     * links, book titles and product names there, which answer only a question asking for them.
     * Judged from the heading path, as a reader of the table of contents would.
     */
    public boolean isReference() {
        return headingPath.stream().anyMatch(h -> REFERENCE_HEADING.matcher(h).find());
    }

    private static final java.util.regex.Pattern REFERENCE_HEADING = java.util.regex.Pattern.compile(
            "参考文献|推荐阅读|参考资料|延伸阅读|参考书籍|书籍与论文|开源(资源|项目)|工具与(资源|平台|库|服务)|开发工具|资源与工具|资源汇总|"
                    + "数据集与资源|致谢|作者简介|目录");

    /** Human citation, e.g. {@code 《大模型创业的风险与机遇》 › 第二部分 › 2.4 财务风险}. */
    public String citation() {
        return "《" + docTitle + "》 › " + String.join(" › ", headingPath);
    }
}
