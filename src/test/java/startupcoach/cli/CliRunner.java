package startupcoach.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in process with captured streams, as a user's shell would. */
final class CliRunner {

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    /** With the given process environment (e.g. {@code LLM_BASE_URL}). */
    static Result run(Map<String, String> env, String stdin, String... args) {
        Map<String, String> withCache = new java.util.HashMap<>(env);
        withCache.putIfAbsent("COACH_CACHE_DIR", startupcoach.SharedTestCache.dir().toString());
        env = Map.copyOf(withCache);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.Terminal terminal = new Main.Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), env, false);
        int code = Main.execute(args, terminal);
        return new Result(code, out.toString(), err.toString());
    }

    private CliRunner() {
    }
}
