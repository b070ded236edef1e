package startupcoach.retrieve;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, judged from its ask. The documents file the same topic
 * under sections of different kinds ("2.3.1 市场风险的具体表现", "2.3.2 市场风险的评估与应对策略",
 * "2.3.3 市场风险的案例分析"); a founder asking what to do wants the second, one asking what can go
 * wrong the first, one asking for examples the third. Only the wording of the ask decides, never
 * its topic, so the rule carries over to questions nobody has seen.
 */
public enum Intent {
    /** What to do: strategy, measures, steps. */
    HOW(Pattern.compile("怎么办|怎么做|如何|怎么|怎样|咋办|咋|该.{0,6}(做|办|应对|处理|选|定|管|搭|调整|补救|防|建|推进)|"
            + "应对|对策|策略|措施|办法|方法|建议|步骤|流程|防范|避免|规避|补救|提升|优化|改进|考虑|注意|因素|维度|要点|验证|"
            + "\\bhow (should|do|can|could|would|to)\\b|\\bhow (we|i|you) (should|can|could|ought)\\b|"
            + "\\bwhat (has|have|needs?) to (happen|be done|change)\\b|\\bwhat do (we|i) (need|have) to do\\b|\\bmake (this|the|that) (call|decision)\\b|\\bdecide\\b|\\bmanag(e|ing)\\b|\\bwhat should\\b|\\bwhat (steps|can we do)\\b|\\bways? to\\b|"
            + "\\bthink about\\b|\\bconsider|\\blook (for|at)\\b|\\bwatch (for|out)\\b|\\bstrateg|\\brespond|\\bdeal with\\b|\\bhandle\\b|\\bmanage\\b|\\bprevent|\\bavoid|\\bfix\\b|\\bimprove")),
    /** What can go wrong: risks, symptoms, failure causes. */
    RISKS(Pattern.compile("有哪些风险|什么风险|哪些风险|风险有哪些|会出什么问题|隐患|栽在|坑|踩雷|失败的原因|为什么失败|"
            + "\\bwhat (risks|can go wrong|could go wrong)\\b|\\brisks?\\b.*\\b(face|watch|show up|are there)|"
            + "\\bpitfalls?\\b|\\bwhat kinds? of risk|\\bwhy do .* fail")),
    /** Examples: cases, other companies. */
    EXAMPLES(Pattern.compile("案例|例子|先例|有没有(公司|企业|团队|人)|别的公司|其他公司|哪家公司|谁做过|怎么做到的|"
            + "\\bexamples?\\b|\\bcase stud|\\bother (companies|teams|startups)\\b|\\bhas anyone\\b|\\bhave others\\b|"
            + "\\bhow (have|did) (other|others|companies|teams)")),
    /** What something is: definitions, concepts, principles. */
    DEFINITION(Pattern.compile("什么是|是什么|啥是|定义|概念|原理|\\bwhat (is|are) (a |an |the )?[a-z\\- ]{2,30}\\??$|"
            + "\\bdefine\\b|\\bmeaning of\\b")),
    /** Tools, books, resources: the one kind of ask an appendix answers. */
    RESOURCES(Pattern.compile("工具|资源|书籍|书单|文献|阅读|框架|开源|\\btools?\\b|\\bresources?\\b|\\bbooks?\\b|\\breading\\b|"
            + "\\blibrar(y|ies)\\b|\\bframeworks?\\b|\\bopen[- ]source\\b")),
    /** Anything else: no preference among section kinds. */
    GENERAL(null);

    private final Pattern cue;

    Intent(Pattern cue) {
        this.cue = cue;
    }

    /**
     * The intents of an ask: one message may ask what can go wrong and what to do about it, or
     * for cases and their lessons. Empty means no preference ({@link #GENERAL} is never returned).
     */
    public static Set<Intent> of(String ask) {
        String text = ask.toLowerCase(Locale.ROOT).strip();
        Set<Intent> out = EnumSet.noneOf(Intent.class);
        for (Intent i : values()) {
            if (i.cue != null && i.cue.matcher(text).find()) {
                out.add(i);
            }
        }
        return out;
    }
}
