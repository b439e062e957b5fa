package dev.scheduler.catalog.params;

import dev.scheduler.catalog.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The value kinds job parameters are made of. */
public final class ValueKinds {

  private ValueKinds() {}

  public static final ValueKind<Duration> DURATION =
      new ValueKind<>() {
        @Override
        public Duration read(Object raw) {
          return Durations.parse(scalar(raw, this));
        }

        @Override
        public String describe() {
          return "a duration such as 30s";
        }

        @Override
        public Object write(Duration value) {
          return Durations.format(value);
        }
      };

  public static final ValueKind<String> STRING =
      new ValueKind<>() {
        @Override
        public String read(Object raw) {
          return scalar(raw, this);
        }

        @Override
        public String describe() {
          return "a text";
        }
      };

  public static final ValueKind<Boolean> BOOLEAN =
      new ValueKind<>() {
        @Override
        public Boolean read(Object raw) {
          if (raw instanceof Boolean value) {
            return value;
          }
          String text = scalar(raw, this).toLowerCase(Locale.ROOT);
          if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
          }
          throw new IllegalArgumentException("'" + raw + "' is not true or false");
        }

        @Override
        public String describe() {
          return "true or false";
        }

        @Override
        public Object write(Boolean value) {
          return value;
        }
      };

  /** A whole number within {@code [min, max]}. */
  public static ValueKind<Integer> integer(int min, int max) {
    return new ValueKind<>() {
      @Override
      public Integer read(Object raw) {
        int value;
        if (raw instanceof Integer number) {
          value = number;
        } else {
          try {
            value = Integer.parseInt(scalar(raw, this).trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not " + describe(), e);
          }
        }
        if (value < min || value > max) {
          throw new IllegalArgumentException(value + " is out of range; use " + describe());
        }
        return value;
      }

      @Override
      public String describe() {
        return "a whole number from " + min + " to " + max;
      }

      @Override
      public Object write(Integer value) {
        return value;
      }
    };
  }

  /** One of a fixed set of words, compared without regard to case. */
  public static ValueKind<String> oneOf(String... choices) {
    List<String> allowed = List.of(choices);
    return new ValueKind<>() {
      @Override
      public String read(Object raw) {
        String text = scalar(raw, this);
        for (String choice : allowed) {
          if (choice.equalsIgnoreCase(text.trim())) {
            return choice;
          }
        }
        throw new IllegalArgumentException("'" + text + "' is not " + describe());
      }

      @Override
      public String describe() {
        return "one of " + String.join(", ", allowed);
      }
    };
  }

  /** A map of names to texts, such as HTTP headers or environment variables. */
  public static final ValueKind<Map<String, String>> STRING_MAP =
      new ValueKind<>() {
        @Override
        public Map<String, String> read(Object raw) {
          if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected " + describe());
          }
          Map<String, String> values = new LinkedHashMap<>();
          map.forEach(
              (key, value) -> {
                if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
                  throw new IllegalArgumentException(
                      "'" + key + "' must have a text value, not " + shape(value));
                }
                values.put(String.valueOf(key), String.valueOf(value));
              });
          return Collections.unmodifiableMap(values);
        }

        @Override
        public String describe() {
          return "a map of names to texts";
        }

        @Override
        public Object write(Map<String, String> value) {
          return value;
        }
      };

  /** A list of texts, such as a command and its arguments. */
  public static final ValueKind<List<String>> STRING_LIST =
      new ValueKind<>() {
        @Override
        public List<String> read(Object raw) {
          if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("expected " + describe());
          }
          List<String> values = new ArrayList<>();
          for (Object item : list) {
            if (item instanceof Map<?, ?> || item instanceof List<?> || item == null) {
              throw new IllegalArgumentException("every item must be a text, not " + shape(item));
            }
            values.add(String.valueOf(item));
          }
          return List.copyOf(values);
        }

        @Override
        public String describe() {
          return "a list of texts";
        }

        @Override
        public Object write(List<String> value) {
          return value;
        }
      };

  static String scalar(Object raw, ValueKind<?> kind) {
    if (raw instanceof Map<?, ?> || raw instanceof List<?> || raw == null) {
      throw new IllegalArgumentException("expected " + kind.describe() + ", not " + shape(raw));
    }
    return String.valueOf(raw);
  }

  static String shape(Object raw) {
    if (raw == null) {
      return "nothing";
    }
    if (raw instanceof Map<?, ?>) {
      return "a map";
    }
    if (raw instanceof List<?>) {
      return "a list";
    }
    return "'" + raw + "'";
  }
}
