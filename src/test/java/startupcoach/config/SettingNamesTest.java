package startupcoach.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every variable the code reads is a setting {@code coach.yaml} accepts. */
class SettingNamesTest {

    private static final Pattern VARIABLE = Pattern.compile("\"((?:COACH|SLACK|DINGTALK|LLM|DATABASE)_[A-Z0-9_]+)\"");

    @Test
    void everyVariableReadInTheCodeIsKnown() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = VARIABLE.matcher(Files.readString(file));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        read.remove(ConfigFile.LOCATION);
        assertThat(read).isNotEmpty();
        assertThat(SettingNames.ALL).containsAll(read);
    }
}
