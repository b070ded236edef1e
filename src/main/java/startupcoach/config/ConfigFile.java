package startupcoach.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import startupcoach.knowledge.BrokenFileException;
import startupcoach.knowledge.StrictUtf8;

/**
 * The optional {@code coach.yaml}: the same settings as the environment variables, in a file, under
 * the environment (a variable set in the environment wins; command-line flags win over both).
 *
 * <p>Keys are the variables' names, flat ({@code SLACK_BOT_TOKEN: xoxb-…}) or nested in lower case
 * ({@code slack: {bot_token: xoxb-…}} is {@code SLACK_BOT_TOKEN}); a list is a comma-separated value
 * ({@code coach: {admins: [U1, U2]}}). Every problem is reported at once, each with its line, so a
 * mistyped file is fixed in one pass instead of one error per start.
 */
public final class ConfigFile {

    /** The variable naming the file; without it, {@code coach.yaml} in the working directory, if there is one. */
    public static final String LOCATION = "COACH_CONFIG";

    static final Path DEFAULT = Path.of("coach.yaml");

    private ConfigFile() {
    }

    /** {@code env} over the file's settings; {@code env} itself when there is no file. */
    public static Map<String, String> overlay(Map<String, String> env) {
        Optional<Path> file = location(env);
        if (file.isEmpty()) {
            return env;
        }
        Map<String, String> merged = new HashMap<>(read(file.get()));
        merged.putAll(env);
        return Map.copyOf(merged);
    }

    /** The file named by {@code COACH_CONFIG}, else {@code coach.yaml} here if there is one, else none. */
    public static Optional<Path> location(Map<String, String> env) {
        String named = env.get(LOCATION);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named.strip()));
        }
        return Files.isRegularFile(DEFAULT) ? Optional.of(DEFAULT) : Optional.empty();
    }

    /** The settings of one file, as variable names and values. */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = StrictUtf8.decode(file.toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (set by " + LOCATION + ")");
        } catch (BrokenFileException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML ("
                    + e.getProblem() + ")");
        }
        Map<String, String> settings = new HashMap<>();
        if (root == null) {
            return settings;
        }
        List<String> problems = new ArrayList<>();
        if (root instanceof MappingNode mapping) {
            flatten("", mapping, settings, problems, file);
        } else {
            problems.add(file + ":" + line(root) + ": expected settings as `NAME: value` lines");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return settings;
    }

    private static void flatten(String prefix, MappingNode mapping, Map<String, String> out, List<String> problems, Path file) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(file + ":" + line(tuple.getKeyNode()) + ": a key must be a plain name");
                continue;
            }
            String name = prefix + key.getValue().strip().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
            Node value = tuple.getValueNode();
            if (value instanceof MappingNode nested) {
                flatten(name + "_", nested, out, problems, file);
            } else if (!SettingNames.ALL.contains(name)) {
                problems.add(file + ":" + line(key) + ": unknown setting " + name + closest(name)
                        + " (the settings are listed in README, Configuration)");
            } else if (out.containsKey(name)) {
                problems.add(file + ":" + line(key) + ": " + name + " is set twice");
            } else if (value instanceof ScalarNode scalar) {
                out.put(name, scalar.getValue());
            } else if (value instanceof SequenceNode list && list.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
                out.put(name, list.getValue().stream().map(n -> ((ScalarNode) n).getValue()).collect(Collectors.joining(",")));
            } else {
                problems.add(file + ":" + line(value) + ": " + name + " must be a value or a list of values");
            }
        }
    }

    /** The known setting sharing the longest prefix with a mistyped one, as a hint. */
    private static String closest(String name) {
        String best = null;
        int bestShared = 0;
        for (String known : SettingNames.ALL) {
            int shared = 0;
            while (shared < Math.min(known.length(), name.length()) && known.charAt(shared) == name.charAt(shared)) {
                shared++;
            }
            if (shared > bestShared) {
                bestShared = shared;
                best = known;
            }
        }
        return best != null && bestShared >= name.length() / 2 ? "; did you mean " + best + "?" : "";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
