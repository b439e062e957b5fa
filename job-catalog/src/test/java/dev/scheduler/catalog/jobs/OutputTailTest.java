package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputTailTest {

  @Test
  void keepsTheLastLinesWithoutBlankOnesAndTheUnfinishedLastLine() {
    OutputTail tail = new OutputTail(3, 100);
    write(tail, "one\ntwo\r\n\n   \nthree\nfour\nfi");
    write(tail, "ve");

    assertThat(tail.text()).isEqualTo("three ⏎ four ⏎ five");
    assertThat(tail.lastLine()).isEqualTo("five");
  }

  @Test
  void dropsTerminalEscapesAndControlCharacters() {
    OutputTail tail = new OutputTail(5, 100);
    write(tail, "\u001B[31mred\u001B[0m\tand\u0007 plain\n");

    assertThat(tail.text()).isEqualTo("red and  plain");
  }

  @Test
  void keepsOnlyTheNewestCharacters() {
    OutputTail tail = new OutputTail(5, 10);
    write(tail, "aaaa\nbbbb\ncccc\n" + "x".repeat(50) + "yz");

    assertThat(tail.text()).isEqualTo("…xxxxxxxyz");
    assertThat(tail.lastLine()).isEqualTo("…xxxxxxxyz");
  }

  @Test
  void keepsTheLastLineEvenWhenNoLinesAreAskedFor() {
    OutputTail tail = new OutputTail(0, 100);
    write(tail, "first\nlast\n");

    assertThat(tail.text()).isEmpty();
    assertThat(tail.lastLine()).isEqualTo("last");
  }

  @Test
  void isEmptyForNoOutput() {
    OutputTail tail = new OutputTail(20, 100);

    assertThat(tail.text()).isEmpty();
    assertThat(tail.lastLine()).isEmpty();
  }

  private static void write(OutputTail tail, String text) {
    char[] chars = ("<" + text + ">").toCharArray();
    tail.append(chars, 1, chars.length - 2);
  }
}
