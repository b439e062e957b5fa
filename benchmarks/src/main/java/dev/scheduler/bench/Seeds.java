package dev.scheduler.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Job-data blobs for rows written straight into Quartz's tables, in each scheduler's format; the
 * rows themselves come from {@link dev.scheduler.testing.QuartzRows}.
 */
final class Seeds {

  private Seeds() {}

  /** Quartz's job-data blob with its default, Java-serialised job data. */
  static byte[] serialized(java.util.Map<String, String> data) {
    org.quartz.JobDataMap map = new org.quartz.JobDataMap();
    map.putAll(data);
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(map);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quartz's job-data blob when job data is kept as properties. */
  static byte[] properties(String key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      properties.store(bytes, "");
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
