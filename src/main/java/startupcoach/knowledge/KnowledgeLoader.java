package startupcoach.knowledge;

import java.io.IOException;
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
 * warning so that one bad file never takes the whole knowledge base down; in strict mode (a reload,
 * where the previous knowledge base is still serving) it throws a {@link BrokenFileException} instead,
 * as does a binary file or one that parses to no section at all. Defects the parser repairs (an
 * unclosed fence, a glued heading) are warnings in both modes: the shipped documents have them.
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
        return load(dir, false);
    }

    /** @param strict throw {@link BrokenFileException} for a file that lenient mode would skip, or that is empty or binary */
    Loaded load(Path dir, boolean strict) {
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
                content = StrictUtf8.decode(name, bytes);
            } catch (BrokenFileException e) {
                if (strict) {
                    throw e;
                }
                skip(warnings, "Skipped " + file + ": it is " + e.reason() + " (line " + e.line() + ").");
                continue;
            } catch (IOException e) {
                if (strict) {
                    throw new BrokenFileException(name, 0, "cannot be read (" + e + "); check that it is a readable file");
                }
                skip(warnings, "Skipped " + file + ": it cannot be read (" + e + "). Check that it is a"
                        + " readable file.");
                continue;
            }
            if (strict) {
                rejectBinary(name, content);
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
            if (strict && result.document().sections().isEmpty()) {
                throw new BrokenFileException(name, 1, "has no headings and no text (empty after parsing); add content"
                        + " or remove the file");
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

    /** A NUL character never occurs in text: the file is binary (an image, an archive) saved as .md. */
    private static void rejectBinary(String name, String content) {
        int nul = content.indexOf('\0');
        if (nul >= 0) {
            throw new BrokenFileException(name, StrictUtf8.lineAt(content, nul), "contains a NUL character: a binary file,"
                    + " not Markdown");
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
