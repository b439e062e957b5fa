package dev.scheduler.daemon.users;

import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.schedule.Schedules;
import dev.scheduler.catalog.schedule.Zones;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads per-user schedules from CSV for {@code users import}: a header {@code
 * user,job,schedule,timezone}, then one schedule per line, e.g. {@code 42,user-digest,daily
 * 08:00,Europe/Berlin} (quote a schedule with commas: {@code "daily 08:00,18:30"}). Every line is
 * checked and every problem reported with its line number before anything is stored.
 */
public final class UserScheduleCsv {

  static final List<String> HEADER = List.of("user", "job", "schedule", "timezone");

  private UserScheduleCsv() {}

  /**
   * The file's schedules.
   *
   * @throws InvalidCsvException listing every problem, one per line of the file
   */
  public static List<UserSchedule> read(Path file) throws IOException {
    List<String> problems = new ArrayList<>();
    List<UserSchedule> schedules = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      if (!parser.getHeaderNames().equals(HEADER)) {
        throw new InvalidCsvException(
            List.of(
                file
                    + ":1: the header must be "
                    + String.join(",", HEADER)
                    + ", not "
                    + String.join(",", parser.getHeaderNames())));
      }
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        String where = file + ":" + line + ": ";
        if (record.size() != HEADER.size()) {
          problems.add(
              where + "expected 4 fields (user,job,schedule,timezone), found " + record.size());
          continue;
        }
        try {
          UserSchedule schedule = parse(record);
          Long earlier = seen.putIfAbsent(schedule.userId() + "\n" + schedule.job(), line);
          if (earlier != null) {
            problems.add(
                where
                    + "user "
                    + schedule.userId()
                    + " has a schedule for "
                    + schedule.job()
                    + " on line "
                    + earlier
                    + " already");
          } else {
            schedules.add(schedule);
          }
        } catch (IllegalArgumentException e) {
          problems.add(where + e.getMessage());
        }
      }
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      problems.add(file + ": not valid CSV: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new InvalidCsvException(problems);
    }
    return schedules;
  }

  private static UserSchedule parse(CSVRecord record) {
    String user = UserSchedule.checkUserId(record.get("user"));
    String job = record.get("job");
    if (job.isEmpty()) {
      throw new IllegalArgumentException("job is empty");
    }
    ZoneId zone = Zones.parse(record.get("timezone"));
    String text = record.get("schedule");
    int space = text.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException(
          "schedule '"
              + text
              + "' is not KIND RULE; write e.g. daily 08:00, weekdays 07:30, weekly MON@09:00 or"
              + " cron 0 0 8 * * ?");
    }
    Schedule schedule =
        Schedules.parse(text.substring(0, space), text.substring(space + 1).trim(), zone);
    return new UserSchedule(user, job, schedule);
  }

  /** A file with problems; nothing of it was stored. */
  public static final class InvalidCsvException extends IOException {
    private final List<String> problems;

    InvalidCsvException(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
