package dev.scheduler.catalog.schedule;

import dev.scheduler.catalog.text.Suggestions;
import java.time.ZoneId;
import java.util.Set;
import java.util.TimeZone;

/**
 * Time-zone ids from users. Only IANA region ids (and UTC) are accepted, validated by {@code
 * java.time}; {@link java.util.TimeZone#getTimeZone(String)} must never see user input, because it
 * silently turns a typo into GMT.
 */
public final class Zones {

  private Zones() {}

  /**
   * Parses an IANA zone id such as {@code Europe/Berlin}.
   *
   * @throws IllegalArgumentException naming the id, with the closest known id
   */
  public static ZoneId parse(String id) {
    String trimmed = id.trim();
    Set<String> known = ZoneId.getAvailableZoneIds();
    if (!known.contains(trimmed)) {
      throw new IllegalArgumentException(
          "unknown time zone '"
              + id
              + "'"
              + Suggestions.didYouMean(trimmed, known)
              + "; use an IANA zone id such as Europe/Berlin, America/New_York or UTC");
    }
    return ZoneId.of(trimmed);
  }

  /** The zone for Quartz's APIs; the only place a {@code java.util.TimeZone} is made. */
  public static TimeZone toTimeZone(ZoneId zone) {
    return TimeZone.getTimeZone(zone);
  }
}
