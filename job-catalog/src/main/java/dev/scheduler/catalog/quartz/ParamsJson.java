package dev.scheduler.catalog.quartz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;

/** A job's raw parameters as they are kept in its job data: one JSON object. */
public final class ParamsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  // Resolved once: every run reads its job's parameters, and resolving the target type on each
  // read cost a third of the read.
  private static final ObjectReader READER =
      MAPPER.readerFor(new TypeReference<Map<String, Object>>() {});

  private ParamsJson() {}

  public static String write(Map<String, Object> params) {
    try {
      return MAPPER.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameters cannot be written as JSON: " + e, e);
    }
  }

  public static Map<String, Object> read(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored job parameters are not valid JSON: " + e, e);
    }
  }
}
