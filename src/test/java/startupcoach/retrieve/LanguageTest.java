package startupcoach.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void chineseWithEnglishTermsIsChinese() {
        assertThat(Language.detect("SaaS 产品怎么定价")).isEqualTo(Language.ZH);
        assertThat(Language.detect("价格战怎么打？")).isEqualTo(Language.ZH);
    }

    @Test
    void englishIsEnglish() {
        assertThat(Language.detect("How do we control market risk?")).isEqualTo(Language.EN);
        assertThat(Language.detect("Is GDPR a problem for 大模型 startups like ours?")).isEqualTo(Language.EN);
    }
}
