package startupcoach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import startupcoach.config.CoachConfig;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;

/** Builds (or checks) the search index and reports what the knowledge base holds. */
@Command(name = "index", description = "Parse the knowledge base and build the search index (only when it changed).")
final class IndexCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--force", description = "Rebuild even when the knowledge files have not changed.")
    boolean force;

    IndexCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        CoachConfig config = common.config(terminal.env());
        if (force) {
            deleteTree(config.indexDir());
        }
        try (CoachApp app = common.open(terminal, true)) {
            KnowledgeBase kb = app.knowledge();
            var out = terminal.out();
            out.printf("Knowledge base: %s%n", config.knowledgeDir().toAbsolutePath().normalize());
            kb.documents().forEach(d -> out.printf("  %-34s 《%s》 %d sections%n", d.fileName(), d.title(), d.sections().size()));
            Map<SectionKind, Long> kinds = kb.sections().stream()
                    .collect(Collectors.groupingBy(Section::kind, Collectors.counting()));
            out.printf("Sections: %d body, %d outline copies, %d front matter%n", kinds.getOrDefault(SectionKind.BODY, 0L),
                    kinds.getOrDefault(SectionKind.OUTLINE, 0L), kinds.getOrDefault(SectionKind.FRONT_MATTER, 0L));
            out.printf("Index: %d passages in %s (%s)%n", app.index().size(), config.indexDir().toAbsolutePath().normalize(),
                    app.index().rebuilt() ? "rebuilt" : "up to date");
            return 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

}
