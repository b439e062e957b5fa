package dev.scheduler.daemon.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants shown in a zone: for people in tables, as ISO-8601 with offset in JSON. */
final class LocalTimes {

  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

  private LocalTimes() {}

  static String human(Instant at, ZoneId zone) {
    return at == null ? null : HUMAN.format(at.atZone(zone));
  }

  static String iso(Instant at, ZoneId zone) {
    return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone));
  }
}
