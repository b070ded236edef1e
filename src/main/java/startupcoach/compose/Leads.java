package startupcoach.compose;

import startupcoach.retrieve.Language;

/** The one sentence before the quotes, in the question's language. */
final class Leads {

    private Leads() {
    }

    static String covered(Language lang, int sections) {
        if (lang == Language.EN) {
            return "Here is what the knowledge base says, quoted from " + sections
                    + (sections == 1 ? " section" : " sections") + " (the sources are in Chinese):";
        }
        return "知识库中的相关内容（摘自 " + sections + " 个章节）：";
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
