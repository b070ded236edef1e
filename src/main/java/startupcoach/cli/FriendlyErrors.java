package startupcoach.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1. The stack
 * trace goes to the log file, where an operator can find it; a user never sees one.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        LoggerFactory.getLogger(FriendlyErrors.class).warn("command.failed command={}", parsed.subcommand() == null
                ? "chat" : parsed.subcommand().commandSpec().name(), e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cl.getErr().println("error: " + message);
        cl.getErr().println("(details in the log under the data directory, logs/startup-coach.log)");
        return 1;
    }
}
