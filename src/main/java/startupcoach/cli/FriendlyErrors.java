package startupcoach.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import startupcoach.config.SettingsException;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1 (settings that
 * cannot be used: one line per problem and exit code 2). The stack
 * trace goes to the log file, where an operator can find it; a user never sees one.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        if (e instanceof SettingsException settings) {
            // A configuration mistake, not a fault: no stack trace, in the log either.
            LoggerFactory.getLogger(FriendlyErrors.class).warn("config.invalid problems={}", settings.problems().size());
            // One line per problem, so every mistake is fixed in one go; exit 2 as for a bad coach.yaml.
            cl.getErr().println("startup-coach: configuration: " + settings.problems().size() + " problem(s)");
            settings.problems().forEach(p -> cl.getErr().println("  " + p));
            cl.getErr().println("(startup-coach config show prints every setting; the README's Configuration section lists them)");
            return Main.USAGE;
        }
        LoggerFactory.getLogger(FriendlyErrors.class).warn("command.failed command={}", parsed.subcommand() == null
                ? "chat" : parsed.subcommand().commandSpec().name(), e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cl.getErr().println("error: " + message);
        cl.getErr().println("(details in the log under the data directory, logs/startup-coach.log)");
        return 1;
    }
}
