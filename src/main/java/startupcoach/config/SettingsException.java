package startupcoach.config;

import java.util.List;

/**
 * Settings that cannot be used, with one message per problem (each names its variable and what
 * to write instead, never a secret's value). The message is the problems, one per line, so a
 * configuration with one mistake reads as that mistake.
 */
public final class SettingsException extends IllegalArgumentException {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
