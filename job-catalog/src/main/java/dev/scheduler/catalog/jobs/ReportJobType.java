package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKind;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.schedule.Zones;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Summarizes the scheduler's own executions over the previous day, week or month, per job, into
 * HTML and CSV files. File names carry the period, so a re-run overwrites instead of duplicating.
 */
public final class ReportJobType implements JobType {

  public static final String NAME = "report";

  public static final Param<String> PERIOD =
      Param.optional("period", ValueKinds.oneOf("daily", "weekly", "monthly"), "daily");
  public static final Param<ZoneId> TIMEZONE =
      Param.optional("timezone", new ZoneKind(), ZoneId.of("UTC"));
  public static final Param<Path> DIRECTORY = Param.required("directory", new AbsolutePathKind());
  public static final Param<List<String>> FORMATS =
      Param.optional("formats", ValueKinds.STRING_LIST, List.of("html", "csv"));

  private static final ParamSpec PARAMS =
      ParamSpec.of(NAME, PERIOD, TIMEZONE, DIRECTORY, FORMATS)
          .withRule(
              params -> {
                List<String> formats = params.get(FORMATS);
                if (formats.isEmpty()) {
                  return "formats: empty; list html, csv or both";
                }
                for (String format : formats) {
                  if (!format.equals("html") && !format.equals("csv")) {
                    return "formats: '" + format + "' is unknown; use html, csv or both";
                  }
                }
                return null;
              });

  private final JobResources resources;

  public ReportJobType(JobResources resources) {
    this.resources = resources;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "writes a per-job summary of the scheduler's executions as HTML and CSV files";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobType with(JobResources resources) {
    return new ReportJobType(resources);
  }

  @Override
  public JobAction create(Params params) {
    String kind = params.get(PERIOD);
    ZoneId zone = params.get(TIMEZONE);
    Path directory = params.get(DIRECTORY);
    List<String> formats = params.get(FORMATS);
    return run -> {
      ReportPeriod period = ReportPeriod.before(kind, run.scheduledAt(), zone);
      List<ReportTable.Row> rows =
          ReportQuery.rows(resources.schedulerDatabase(), period.from(), period.until());
      checkInterrupted();
      Files.createDirectories(directory);
      String base = "scheduler-report-" + kind + "-" + period.start();
      String title = kind + " report for " + period.start() + " (" + zone + ")";
      List<String> written = new ArrayList<>();
      for (String format : formats) {
        checkInterrupted();
        String content =
            format.equals("html") ? ReportTable.html(title, rows) : ReportTable.csv(rows);
        Path file = directory.resolve(base + "." + format);
        writeAtomically(file, content);
        written.add(written.isEmpty() ? file.toString() : file.getFileName().toString());
      }
      return JobResult.of(summary(kind, period, rows, written));
    };
  }

  static String summary(
      String kind, ReportPeriod period, List<ReportTable.Row> rows, List<String> written) {
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
    long runs = rows.stream().mapToLong(ReportTable.Row::runs).sum();
    long failed = rows.stream().mapToLong(ReportTable.Row::failed).sum();
    return kind
        + " report for "
        + period.start()
        + ": "
        + count.format(rows.size())
        + (rows.size() == 1 ? " job, " : " jobs, ")
        + count.format(runs)
        + (runs == 1 ? " run, " : " runs, ")
        + count.format(failed)
        + " failed; wrote "
        + String.join(", ", written);
  }

  /** A temporary file in the same directory, then a move: readers never see half a report. */
  private static void writeAtomically(Path file, String content) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void checkInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("report interrupted");
    }
  }

  private static final class ZoneKind implements ValueKind<ZoneId> {
    @Override
    public ZoneId read(Object raw) {
      return Zones.parse(String.valueOf(raw));
    }

    @Override
    public String describe() {
      return "an IANA time zone such as Europe/Berlin or UTC";
    }
  }

  private static final class AbsolutePathKind implements ValueKind<Path> {
    @Override
    public Path read(Object raw) {
      Path path = Path.of(String.valueOf(raw).trim());
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            "'" + raw + "' is not an absolute path; write it from the root, such as /var/reports");
      }
      return path;
    }

    @Override
    public String describe() {
      return "an absolute directory path";
    }
  }
}
