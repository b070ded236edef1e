package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MentionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "' 价格战怎么打？'|价格战怎么打？",
            "'@coach 价格战怎么打？'|价格战怎么打？",
            "'  @coach\u2005价格战怎么打？ '|价格战怎么打？",
            "'@startup-coach @张三 How do we price?'|How do we price?",
            "'\u3000topics'|topics",
            "' @coach '|''",
            "'价格战 @张三 怎么看'|价格战 @张三 怎么看",
            "'email me at a@b.c'|email me at a@b.c"})
    void stripsTheLeadingMentionAndSpaces(String content, String question) {
        assertThat(Mentions.stripLeading(content)).isEqualTo(question);
    }
}
