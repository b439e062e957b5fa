package dev.scheduler.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the benchmark: this project and stock Quartz side by side, in one run, on one PostgreSQL,
 * with real node processes, and prints a table.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--profile quick|full] [--only a,b]
 *     [--db-url URL] [--db-user USER] [--db-password PASSWORD] [--jar SCHEDULER_JAR]
 *     [--targets ours,stock] [--threads N] [--out FILE]
 * </pre>
 */
public final class Bench {

  static final List<String> SCENARIOS =
      List.of("ceiling", "throughput", "burst", "failover", "operator", "scale");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    BenchDatabase.Server server =
        new BenchDatabase.Server(options.dbUrl, options.dbUser, options.dbPassword);
    Path workDir = Files.createTempDirectory("scheduler-bench-");
    Path benchJar =
        Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    options.jar = options.jar.toAbsolutePath();
    if (!Files.isRegularFile(options.jar)) {
      fail(
          "the scheduler jar "
              + options.jar
              + " is missing; build it with ./mvnw -B package -DskipTests");
    }
    List<Target> targets = new ArrayList<>();
    if (options.ours) {
      targets.add(new OurScheduler(options.jar, workDir, options.threads));
    }
    if (options.stock) {
      targets.add(new StockQuartz(benchJar, workDir));
    }
    Experiments experiments = new Experiments(server, workDir);
    Report report =
        new Report(
            options.profile,
            server.version(),
            Runtime.getRuntime().availableProcessors(),
            options.threads);
    long began = System.nanoTime();

    if (options.only.contains("ceiling")) {
      progress("database ceiling (pgbench)");
      report.ceiling(experiments.ceiling(40_000));
      checkpoint(report, options.out);
    }
    if (options.only.contains("throughput")) {
      for (int nodes : List.of(1, 2)) {
        for (Target target : targets) {
          int count =
              target instanceof OurScheduler
                  ? options.profile.drainOurs()
                  : options.profile.drainStock();
          int rounds = target instanceof OurScheduler ? options.profile.drainRoundsOurs() : 1;
          List<Experiments.Drain> drains = new ArrayList<>();
          for (int round = 1; round <= rounds; round++) {
            progress(
                String.format(
                    "throughput: %s, %d node(s), %d fires, round %d of %d",
                    target.name(), nodes, count, round, rounds));
            drains.add(experiments.drain(target, nodes, count, 0));
          }
          report.throughput(target, nodes, drains);
          checkpoint(report, options.out);
        }
      }
    }
    if (options.only.contains("burst")) {
      for (Target target : targets) {
        List<Integer> sizes =
            target instanceof OurScheduler
                ? options.profile.burstsOurs()
                : options.profile.burstsStock();
        for (int size : sizes) {
          progress("burst: " + target.name() + ", " + size + " fires due at one second");
          report.burst(target, experiments.drain(target, 1, size, 0));
          checkpoint(report, options.out);
        }
      }
    }
    if (options.only.contains("failover")) {
      for (Target target : targets) {
        progress(
            "failover: " + target.name() + ", " + options.profile.failoverRounds() + " rounds");
        report.failover(target, experiments.failover(target, options.profile.failoverRounds()));
        checkpoint(report, options.out);
      }
    }
    if (options.only.contains("operator")) {
      for (Target target : targets) {
        progress(
            "operator trigger: "
                + target.name()
                + ", "
                + options.profile.operatorTriggers()
                + " runs");
        report.operator(
            target, experiments.operatorLatency(target, options.profile.operatorTriggers()));
        checkpoint(report, options.out);
      }
    }
    if (options.only.contains("scale")) {
      int future = options.profile.futureTriggers();
      for (Target target : targets) {
        boolean ours = target instanceof OurScheduler;
        int drain = ours ? options.profile.drainOurs() : options.profile.drainStock();
        int burst =
            ours
                ? options.profile.burstsOurs().get(options.profile.burstsOurs().size() - 1)
                : options.profile.burstsStock().get(0);
        progress(
            "scale: "
                + target.name()
                + ", "
                + drain
                + " fires beside "
                + future
                + " stored triggers");
        Experiments.Drain throughput = experiments.drain(target, 1, drain, future);
        progress(
            "scale: "
                + target.name()
                + ", burst of "
                + burst
                + " beside "
                + future
                + " stored triggers");
        Experiments.Drain lateness = experiments.drain(target, 1, burst, future);
        progress(
            "scale: " + target.name() + ", an idle node beside " + future + " stored triggers");
        Experiments.Idle idle = experiments.idle(target, future, options.profile.idleWindow());
        report.scale(target, future, throughput, lateness, idle);
        checkpoint(report, options.out);
      }
    }
    report.took((System.nanoTime() - began) / 1_000_000_000);
    String table = report.render(Instant.now());
    System.out.println(table);
    if (options.out != null) {
      Files.writeString(options.out, table);
    }
  }

  /** Writes what is measured so far, so that a run cut short still leaves its numbers. */
  private static void checkpoint(Report report, Path out) throws java.io.IOException {
    if (out != null) {
      Files.writeString(out, report.render(Instant.now()) + "\n(run not finished)\n");
    }
  }

  static void progress(String what) {
    System.err.println("[bench " + Instant.now() + "] " + what);
  }

  private static void fail(String message) {
    System.err.println("error: " + message);
    System.exit(2);
  }

  /** The command line. */
  private static final class Options {
    Profile profile = Profile.QUICK;
    Set<String> only = new LinkedHashSet<>(SCENARIOS);
    String dbUrl = envOr("SCHEDULER_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String dbUser = envOr("SCHEDULER_BENCH_DB_USER", "postgres");
    String dbPassword = System.getenv("SCHEDULER_BENCH_DB_PASSWORD");
    Path jar = Path.of("scheduler-daemon/target/scheduler.jar");
    Path out;
    int threads = 10;
    boolean ours = true;
    boolean stock = true;

    static Options parse(String[] args) {
      Options options = new Options();
      List<String> rest = new ArrayList<>(List.of(args));
      while (!rest.isEmpty()) {
        String flag = rest.remove(0);
        if (flag.equals("--help")) {
          System.out.println(
              "usage: java -jar benchmarks.jar [--profile quick|full] [--only "
                  + String.join(",", SCENARIOS)
                  + "] [--db-url URL] [--db-user USER] [--db-password PASSWORD] [--jar"
                  + " SCHEDULER_JAR] [--targets ours,stock] [--threads N] [--out FILE]");
          System.exit(0);
        }
        if (rest.isEmpty()) {
          fail(flag + " needs a value; see --help");
        }
        String value = rest.remove(0);
        switch (flag) {
          case "--profile" -> options.profile = Profile.named(value);
          case "--only" -> {
            options.only = new LinkedHashSet<>(List.of(value.toLowerCase(Locale.ROOT).split(",")));
            for (String scenario : options.only) {
              if (!SCENARIOS.contains(scenario)) {
                fail("unknown scenario '" + scenario + "'; use " + String.join(", ", SCENARIOS));
              }
            }
          }
          case "--db-url" -> options.dbUrl = value;
          case "--db-user" -> options.dbUser = value;
          case "--db-password" -> options.dbPassword = value;
          case "--jar" -> options.jar = Path.of(value);
          case "--out" -> options.out = Path.of(value);
          case "--targets" -> {
            List<String> names = List.of(value.toLowerCase(Locale.ROOT).split(","));
            for (String name : names) {
              if (!name.equals("ours") && !name.equals("stock")) {
                fail("unknown target '" + name + "'; use ours, stock or ours,stock");
              }
            }
            options.ours = names.contains("ours");
            options.stock = names.contains("stock");
          }
          case "--threads" -> {
            try {
              options.threads = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              fail("--threads " + value + " is not a whole number");
            }
          }
          default -> fail("unknown option " + flag + "; see --help");
        }
      }
      return options;
    }

    private static String envOr(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }

  static PrintStream out() {
    return System.out;
  }
}
