package dev.scheduler.catalog.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for names a user mistyped: keys, job types, zone ids, job names. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code input}, if it is close enough to be a plausible typo: a
   * case-insensitive match, or an edit distance of at most a third of the input's length.
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String lower = input.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, input.length() / 3);
    return candidates.stream()
        .filter(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT)) <= limit)
        .min(
            Comparator.comparingInt(
                    (String candidate) -> distance(lower, candidate.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
  }

  /** " (did you mean X?)" or the empty string, for appending to an error message. */
  public static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(name -> " (did you mean " + name + "?)").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
