package startupcoach.knowledge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code *.md} files of one directory (not recursive, sorted by name) for
 * {@link KnowledgeBase#load}. A file that cannot be read or is not valid UTF-8 is skipped with a
 * warning so that one bad file never takes the whole knowledge base down.
 */
final class KnowledgeLoader {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeLoader.class);

    /**
     * Part of the content hash: bump it whenever parsing or chunking changes what the same files
     * produce, so that indexes built by an older parser are rebuilt.
     */
    static final String FORMAT_VERSION = "knowledge-format-1";

    /** What was loaded. */
    record Loaded(List<Document> documents, String contentHash, List<String> warnings) {
    }

    private final MarkdownParser parser = new MarkdownParser();

    Loaded load(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new KnowledgeException("Knowledge directory " + abs + " does not exist. Create it and put the"
                    + " Markdown documents (*.md) in it, or point the knowledge directory setting at the folder"
                    + " that holds them.");
        }
        if (!Files.isDirectory(abs)) {
            throw new KnowledgeException("Knowledge directory " + abs + " is a file, not a directory. Point the"
                    + " knowledge directory setting at the folder that holds the *.md documents.");
        }
        List<Path> files = markdownFiles(abs);
        if (files.isEmpty()) {
            throw new KnowledgeException("Knowledge directory " + abs + " contains no .md files. Add the"
                    + " Markdown documents (UTF-8, *.md) to it, or point the knowledge directory setting at the"
                    + " folder that holds them.");
        }
        MessageDigest digest = sha256();
        digest.update(FORMAT_VERSION.getBytes(StandardCharsets.UTF_8));
        List<Document> documents = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes;
            String content;
            try {
                bytes = Files.readAllBytes(file);
                content = decodeUtf8(bytes);
            } catch (CharacterCodingException e) {
                skip(warnings, "Skipped " + file + ": it is not valid UTF-8 (" + e.getMessage()
                        + "). Re-save it as UTF-8.");
                continue;
            } catch (IOException e) {
                skip(warnings, "Skipped " + file + ": it cannot be read (" + e + "). Check that it is a"
                        + " readable file.");
                continue;
            }
            // Name and length delimit each file so that moving bytes between files changes the hash.
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
            MarkdownParser.Result result = parser.parseWithWarnings(name, content);
            for (String warning : result.warnings()) {
                log.warn("knowledge.parse.repaired {}", warning);
                warnings.add(warning);
            }
            documents.add(result.document());
        }
        if (documents.isEmpty()) {
            throw new KnowledgeException("None of the " + files.size() + " .md files in " + abs
                    + " could be loaded: " + String.join(" ", warnings));
        }
        log.info("knowledge.loaded dir={} documents={} skipped={}", abs, documents.size(),
                files.size() - documents.size());
        return new Loaded(documents, HexFormat.of().formatHex(digest.digest()), warnings);
    }

    private static List<Path> markdownFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            // Not filtered on isRegularFile: an unreadable entry should be reported, not ignored.
            return entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new KnowledgeException("Cannot list knowledge directory " + dir + " (" + e.getMessage()
                    + "). Check its permissions.", e);
        }
    }

    /**
     * Strict UTF-8: {@code new String(bytes, UTF_8)} would silently turn bad bytes into U+FFFD and
     * index garbage. The message names the byte offset of the first bad sequence.
     */
    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
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
            throw new InvalidUtf8(in.position());
        }
        return out.flip().toString();
    }

    /** Carries where decoding failed; the JDK's exceptions only say how long the bad sequence is. */
    static final class InvalidUtf8 extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        InvalidUtf8(int offset) {
            this.offset = offset;
        }

        @Override
        public String getMessage() {
            return "malformed byte sequence at byte offset " + offset;
        }
    }

    private static void skip(List<String> warnings, String warning) {
        log.warn("knowledge.file.skipped {}", warning);
        warnings.add(warning);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
