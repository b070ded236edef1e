package startupcoach.retrieve;

/** The language a question is written in, judged from its letters. */
public enum Language {
    ZH, EN;

    /**
     * Chinese as soon as a fair share of the letters are CJK ideographs: founders write
     * "SaaS 怎么定价" and mean a Chinese question with an English term in it.
     */
    public static Language detect(String text) {
        int cjk = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                cjk++;
            } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
                latin++;
            }
            i += Character.charCount(cp);
        }
        // One ideograph carries about as much as a short English word (~4 letters).
        return cjk * 4 >= latin && cjk > 0 ? ZH : (latin > 0 ? EN : ZH);
    }
}
