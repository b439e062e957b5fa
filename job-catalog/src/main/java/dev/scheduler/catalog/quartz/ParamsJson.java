package dev.scheduler.catalog.quartz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** A job's raw parameters as they are kept in its job data: one JSON object. */
public final class ParamsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

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
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored job parameters are not valid JSON: " + e, e);
    }
  }
}
