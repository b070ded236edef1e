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
}
