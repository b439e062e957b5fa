package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.notify.EmailAddresses;
import dev.scheduler.catalog.notify.EmailSender;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.notify.WebhookSender;
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
 * HTML and CSV files, an email and a webhook post. File names carry the period, so a re-run
 * overwrites instead of duplicating; the email and the post carry the run key, so a receiver can
 * tell a repeat.
 */
public final class ReportJobType implements JobType {

  public static final String NAME = "report";

  public static final Param<String> PERIOD =
      Param.optional("period", ValueKinds.oneOf("daily", "weekly", "monthly"), "daily");
  public static final Param<ZoneId> TIMEZONE =
      Param.optional("timezone", new ZoneKind(), ZoneId.of("UTC"));
  public static final Param<Path> DIRECTORY =
      Param.optional("directory", new AbsolutePathKind(), null);
  public static final Param<List<String>> FORMATS =
      Param.optional("formats", ValueKinds.STRING_LIST, List.of("html", "csv"));
  public static final Param<List<String>> EMAIL_TO =
      Param.optional("emailTo", new AddressesKind(), List.of());
  public static final Param<String> WEBHOOK_URL =
      Param.optional("webhookUrl", new WebhookUrlKind(), null);

  private static final ParamSpec PARAMS =
      ParamSpec.of(NAME, PERIOD, TIMEZONE, DIRECTORY, FORMATS, EMAIL_TO, WEBHOOK_URL)
          .withRule(
              params ->
                  params.get(DIRECTORY) == null
                          && params.get(EMAIL_TO).isEmpty()
                          && params.get(WEBHOOK_URL) == null
                      ? "directory: required unless the report goes by emailTo or webhookUrl;"
                          + " set at least one of them"
                      : null)
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
  private final ParamSpec params;

  public ReportJobType(JobResources resources) {
    this.resources = resources;
    this.params =
        PARAMS.withRule(
            bound ->
                !bound.get(EMAIL_TO).isEmpty() && resources.smtp().isEmpty()
                    ? "emailTo: email needs a mail server: add a valid smtp section (host, from,"
                        + " ...) to the configuration"
                    : null);
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
    return params;
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
    List<String> emailTo = params.get(EMAIL_TO);
    String webhookUrl = params.get(WEBHOOK_URL);
    return run -> {
      ReportPeriod period = ReportPeriod.before(kind, run.scheduledAt(), zone);
      List<ReportTable.Row> rows =
          ReportQuery.rows(resources.schedulerDatabase(), period.from(), period.until());
      checkInterrupted();
      String base = "scheduler-report-" + kind + "-" + period.start();
      String title = kind + " report for " + period.start() + " (" + zone + ")";
      String counts = counts(rows);
      List<String> done = new ArrayList<>();
      if (directory != null) {
        done.add("wrote " + String.join(", ", writeFiles(directory, base, formats, title, rows)));
      }
      // Files first: they are idempotent, so a retry after a failed send rewrites the same files.
      if (!emailTo.isEmpty()) {
        checkInterrupted();
        SmtpSettings smtp =
            resources
                .smtp()
                .orElseThrow(() -> new IllegalStateException("emailTo needs an smtp section"));
        new EmailSender(smtp, run.clock())
            .send(ReportDelivery.email(emailTo, title, counts, base, rows, run.runKey()));
        done.add("emailed " + String.join(", ", emailTo));
      }
      if (webhookUrl != null) {
        checkInterrupted();
        WebhookSender webhook = new WebhookSender(webhookUrl, WebhookSender.DEFAULT_TIMEOUT);
        webhook.post(ReportDelivery.webhookDocument(period, title, counts, rows), run.runKey());
        done.add("posted to webhook " + webhook.shown());
      }
      return JobResult.of(
          kind + " report for " + period.start() + ": " + counts + "; " + String.join("; ", done));
    };
  }

  private static List<String> writeFiles(
      Path directory, String base, List<String> formats, String title, List<ReportTable.Row> rows)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    List<String> written = new ArrayList<>();
    for (String format : formats) {
      checkInterrupted();
      String content =
          format.equals("html") ? ReportTable.html(title, rows) : ReportTable.csv(rows);
      Path file = directory.resolve(base + "." + format);
      writeAtomically(file, content);
      written.add(written.isEmpty() ? file.toString() : file.getFileName().toString());
    }
    return written;
  }

  /** "2 jobs, 6 runs, 2 failed". */
  static String counts(List<ReportTable.Row> rows) {
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
    long runs = rows.stream().mapToLong(ReportTable.Row::runs).sum();
    long failed = rows.stream().mapToLong(ReportTable.Row::failed).sum();
    return count.format(rows.size())
        + (rows.size() == 1 ? " job, " : " jobs, ")
        + count.format(runs)
        + (runs == 1 ? " run, " : " runs, ")
        + count.format(failed)
        + " failed";
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

  private static final class AddressesKind implements ValueKind<List<String>> {
    @Override
    public List<String> read(Object raw) {
      return EmailAddresses.checkAll(ValueKinds.STRING_LIST.read(raw));
    }

    @Override
    public String describe() {
      return "a list of email addresses, such as [ops@example.com]";
    }
  }

  private static final class WebhookUrlKind implements ValueKind<String> {
    @Override
    public String read(Object raw) {
      String url = ValueKinds.STRING.read(raw);
      try {
        return WebhookSender.checkUrl(url);
      } catch (IllegalArgumentException e) {
        // The URL may hold the webhook's token: the message does not repeat it.
        throw new IllegalArgumentException("the value " + e.getMessage(), e);
      }
    }

    @Override
    public String describe() {
      return "a webhook's http(s) URL, best as ${VAR}";
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
