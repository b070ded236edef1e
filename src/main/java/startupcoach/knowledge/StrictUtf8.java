package startupcoach.knowledge;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of a knowledge file, for the Markdown loader and the glossary alike (and
 * for {@code coach.yaml}).
 * {@code new String(bytes, UTF_8)} would silently turn bad bytes into U+FFFD and index garbage;
 * this reports the first bad sequence with its line, which is what a person fixing the file needs.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * @param fileName named in the exception
     * @throws BrokenFileException at the line of the first malformed byte sequence
     */
    public static String decode(String fileName, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new BrokenFileException(fileName, lineAt(bytes, offset), "not valid UTF-8 (malformed byte sequence at byte"
                    + " offset " + offset + "); re-save it as UTF-8");
        }
        return out.flip().toString();
    }

    /** 1-based line of a byte offset: newlines are single bytes in UTF-8, even around a bad sequence. */
    static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based line of a char index in decoded text. */
    static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
