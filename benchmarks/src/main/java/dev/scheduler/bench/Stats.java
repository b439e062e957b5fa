package dev.scheduler.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample of milliseconds. */
record Stats(long p50, long p99, long max, int count) {

  static Stats of(List<Long> millis) {
    if (millis.isEmpty()) {
      return new Stats(-1, -1, -1, 0);
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new Stats(
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  private static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
