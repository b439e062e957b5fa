package dev.scheduler.catalog.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines of a process's output, bounded in lines and in characters however much the process
 * writes, and however long its lines are. Blank lines are not kept; terminal escape sequences and
 * control characters are dropped, so every kept line prints as one plain line. Thread-safe: one
 * thread appends while another may read.
 */
final class OutputTail {

  /** Between two kept lines when the tail is written as one line. */
  static final String LINE_BREAK = " ⏎ ";

  private static final Pattern ESCAPE_SEQUENCE = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final int lines;
  private final int maxChars;
  private final Deque<String> kept = new ArrayDeque<>();
  private final StringBuilder current = new StringBuilder();
  private int keptChars;

  /**
   * @param lines how many lines {@link #text()} returns; the last line is kept even for 0
   * @param maxChars how many characters are kept at most, the newest ones
   */
  OutputTail(int lines, int maxChars) {
    if (lines < 0 || maxChars < 1) {
      throw new IllegalArgumentException("lines must be >= 0 and maxChars >= 1");
    }
    this.lines = lines;
    this.maxChars = maxChars;
  }

  synchronized void append(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = chars[i];
      if (c == '\n') {
        endLine();
      } else {
        current.append(c);
        if (current.length() > 2 * maxChars) {
          // Only the end of an endless line can be shown; drop its start in large steps.
          current.delete(0, current.length() - maxChars);
        }
      }
    }
  }

  /** The kept lines, oldest first, joined by {@link #LINE_BREAK}; empty for no output. */
  synchronized String text() {
    List<String> all = snapshot();
    String joined =
        String.join(LINE_BREAK, all.subList(Math.max(0, all.size() - lines), all.size()));
    return joined.length() <= maxChars
        ? joined
        : "…" + joined.substring(joined.length() - maxChars + 1);
  }

  /** The last non-blank line, empty for no output. */
  synchronized String lastLine() {
    List<String> all = snapshot();
    return all.isEmpty() ? "" : all.get(all.size() - 1);
  }

  private List<String> snapshot() {
    List<String> all = new ArrayList<>(kept);
    String partial = clean(current);
    if (!partial.isEmpty()) {
      all.add(partial);
    }
    return all;
  }

  private void endLine() {
    String line = clean(current);
    current.setLength(0);
    if (line.isEmpty()) {
      return;
    }
    kept.addLast(line);
    keptChars += line.length();
    while (kept.size() > Math.max(lines, 1) || (keptChars > maxChars && kept.size() > 1)) {
      keptChars -= kept.removeFirst().length();
    }
  }

  private String clean(CharSequence raw) {
    String line = ESCAPE_SEQUENCE.matcher(raw).replaceAll("");
    line = CONTROL.matcher(line).replaceAll(" ").strip();
    return line.length() <= maxChars ? line : "…" + line.substring(line.length() - maxChars + 1);
  }
}
