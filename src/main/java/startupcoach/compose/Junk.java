package startupcoach.compose;

import java.util.Locale;
import java.util.regex.Pattern;
import startupcoach.knowledge.Section;

/**
 * What a coach never quotes as advice. The shipped documents are machine-written books: besides
 * advice they carry author lines, links, reading lists, code, "通过本项目实战，读者可以…" narration
 * about the book itself, and case stories. Quoting those answers nothing, so the composer skips
 * them (case stories only when the asker did not ask for examples). Judged on the text alone, so
 * it holds for documents nobody has read.
 */
final class Junk {

    /** Author and link lines, bibliography entries. */
    private static final Pattern REFERENCE = Pattern.compile(
            "作者[:：]|译者[:：]|出版社|链接[:：]|简介[:：]|https?://|www\\.|\\]\\(|github|arxiv|doi[:：]", Pattern.CASE_INSENSITIVE);
    /** The book talking about itself or its reader rather than about the founder's problem. */
    private static final Pattern META = Pattern.compile(
            "本项目|本书|本文|本章|本节|本部分|下一章|下一节|上一章|接下来我们将|我们将(通过|探讨|介绍|详细)|读者|"
                    + "以下是.{0,12}(代码|示例|目录|大纲)|目录大纲|关键词[:：]|摘要[:：]");
    /** Program text that survived as prose: calls, assignments, imports. */
    private static final Pattern CODE = Pattern.compile(
            "`[^`]+`|\\w+\\([^)]*\\)\\s*[;:{]?$|^\\s*(import|def|class|return|from)\\s|[{};]\\s*$|==|=>|\\bself\\.", Pattern.MULTILINE);
    /** How a case story starts and goes: who the company was, when it was founded, what happened. */
    private static final Pattern NARRATION = Pattern.compile(
            "案例背景|背景介绍|成立于|创立于|一家(名为|叫)|某(公司|企业|创业公司|团队)|该(公司|企业|团队|项目)|这家(公司|企业)|"
                    + "以.{1,12}(公司|企业)为例|\\d{4}年");
    private static final Pattern CASE_HEADING = Pattern.compile("案例|实战|项目背景|成功经验|失败教训");

    private Junk() {
    }

    /** A sentence that is never advice, whatever was asked. */
    static boolean isJunk(String sentence) {
        String s = sentence.strip();
        return REFERENCE.matcher(s).find() || META.matcher(s).find() || CODE.matcher(s).find()
                || s.startsWith("|") || s.startsWith("```") || s.toLowerCase(Locale.ROOT).startsWith("graph ");
    }

    /** A sentence telling a case story: worth quoting only to someone who asked for examples. */
    static boolean isNarration(String sentence) {
        return NARRATION.matcher(sentence).find();
    }

    /** A section that tells cases or a worked project rather than giving advice. */
    static boolean isCaseSection(Section section) {
        return CASE_HEADING.matcher(section.heading()).find();
    }
}
