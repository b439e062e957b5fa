package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.config.ConfigException;
import dev.scheduler.daemon.config.ConfigProblem;
import dev.scheduler.daemon.store.DatabaseUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and messages: one line per problem on stderr, with
 * a stack trace only under {@code --verbose} or for a bug.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = parseResult.hasMatchedOption("--verbose");
    ExitCode code;
    if (exception instanceof ConfigException config) {
      for (ConfigProblem problem : config.problems()) {
        err.println("error: " + problem.format());
      }
      err.println(
          "error: the configuration has "
              + config.problems().size()
              + (config.problems().size() == 1 ? " problem" : " problems")
              + "; fix "
              + (config.problems().size() == 1 ? "it" : "them")
              + " and run `scheduler check-config`");
      code = ExitCode.INVALID_CONFIG;
    } else if (exception instanceof DatabaseUnavailableException) {
      err.println("error: " + exception.getMessage());
      code = ExitCode.DATABASE_UNREACHABLE;
    } else if (exception instanceof OperationFailedException) {
      err.println("error: " + exception.getMessage());
      code = ExitCode.FAILED;
    } else {
      err.println(
          "error: unexpected "
              + exception.getClass().getSimpleName()
              + ": "
              + exception.getMessage()
              + (verbose ? "" : " (run with --verbose for the stack trace; this is a bug)"));
      code = ExitCode.FAILED;
    }
    if (verbose) {
      exception.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("error: " + exception.getMessage());
    err.println(
        "see `"
            + commandLine.getCommandSpec().qualifiedName()
            + " --help` for the options and examples");
    err.flush();
    return ExitCode.USAGE.code();
  }
}
