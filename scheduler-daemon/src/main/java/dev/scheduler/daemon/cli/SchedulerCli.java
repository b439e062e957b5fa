package dev.scheduler.daemon.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.node.SchedulerVersion;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code scheduler} command and its subcommands. */
@Command(
    name = "scheduler",
    // Inherited: every subcommand gets --help and --version, and lists the exit codes.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = SchedulerCli.Version.class,
    description = "A clustered job scheduler on Quartz and PostgreSQL.",
    subcommands = {
      RunCommand.class,
      CheckConfigCommand.class,
      MigrateCommand.class,
      StatusCommand.class,
      JobsCommand.class,
      HistoryCommand.class,
      ExplainCommand.class,
      DoctorCommand.class,
      UsersCommand.class,
      AuditCommand.class,
      // Prints a bash/zsh completion script: source <(scheduler generate-completion)
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:the operation failed",
      "2:usage error",
      "3:invalid configuration",
      "4:database unreachable"
    })
public final class SchedulerCli {

  static final String DEFAULT_CONFIG = "config/scheduler.yaml";
  static final String CONFIG_VARIABLE = "SCHEDULER_CONFIG";

  private final CliContext context;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "The configuration file (default: $"
              + CONFIG_VARIABLE
              + ", else "
              + DEFAULT_CONFIG
              + ").")
  private Path config;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log what happens and show stack traces with errors.")
  private boolean verbose;

  SchedulerCli(CliContext context) {
    this.context = context;
  }

  /** The command line, ready to {@code execute(args)}; also what the CLI tests drive. */
  public static CommandLine create(CliContext context) {
    CommandLine commandLine = new CommandLine(new SchedulerCli(context), new Factory(context));
    ErrorReporter errors = new ErrorReporter();
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  CliContext context() {
    return context;
  }

  boolean verbose() {
    return verbose;
  }

  /** The configuration file to read: {@code --config}, else the environment, else the default. */
  Path configPath() {
    if (config != null) {
      return config;
    }
    return Path.of(context.environment().get(CONFIG_VARIABLE).orElse(DEFAULT_CONFIG));
  }

  SchedulerConfig loadConfig() {
    return new ConfigLoader(context.environment(), context.types()).load(configPath());
  }

  /** Operator commands speak through their output, not logs, unless asked to be verbose. */
  void quietLogs() {
    if (!verbose
        && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }

  /** Builds commands with the context they need. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext context;

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (constructor.getParameterCount() == 1
            && constructor.getParameterTypes()[0] == CliContext.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"scheduler " + SchedulerVersion.current()};
    }
  }
}
