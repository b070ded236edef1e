package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The five shipped documents in {@code knowledge/} at the repository root, parsed once per test run. */
final class RealKnowledge {

    static final Path DIR = Path.of("knowledge");
    static final List<String> FILES = List.of("brand-advantage.md", "future-opportunities.md", "price-war.md",
            "risks-and-opportunities.md", "sustainable-business-models.md");

    private static final Map<String, MarkdownParser.Result> PARSED = new ConcurrentHashMap<>();

    private RealKnowledge() {
    }

    static String content(String fileName) {
        try {
            return Files.readString(DIR.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarkdownParser.Result parsed(String fileName) {
        return PARSED.computeIfAbsent(fileName, f -> new MarkdownParser().parseWithWarnings(f, content(f)));
    }

    static Document document(String fileName) {
        return parsed(fileName).document();
    }

    static List<Section> sections(String fileName) {
        return document(fileName).sections();
    }

    static List<Section> withHeading(String fileName, String heading) {
        return sections(fileName).stream().filter(s -> s.heading().equals(heading)).toList();
    }

    /** The single BODY section with this heading. */
    static Section body(String fileName, String heading) {
        List<Section> bodies = withHeading(fileName, heading).stream()
                .filter(s -> s.kind() == SectionKind.BODY).toList();
        assertThat(bodies).as("BODY sections headed '%s' in %s", heading, fileName).hasSize(1);
        return bodies.get(0);
    }

    /** The physical line {@code number} (1-based) of the file. */
    static String line(String fileName, int number) {
        return content(fileName).split("\n", -1)[number - 1];
    }
}
