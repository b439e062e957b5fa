package dev.scheduler.catalog.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.notify.BoundedHttp;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKind;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.text.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Calls an HTTP endpoint of the application, e.g. to send one user's digest. The URL, headers and
 * body may name the run ({@code {{runKey}}}, {@code {{data.userId}}}, ...); the run key also goes
 * out as the {@code Idempotency-Key} header, so the application can drop a repeated delivery.
 * Success is decided by the status code. Secrets belong in {@code ${VAR}} references, resolved on
 * the node at run time: they never reach the job store or the logs.
 */
public final class HttpJobType implements JobType {

  static final ValueKind<String> URL_TEMPLATE =
      new ValueKind<>() {
        @Override
        public String read(Object raw) {
          String template = ValueKinds.STRING.read(raw);
          RunTemplate.validate(template);
          String probe = RunTemplate.blank(template).replaceAll("\\$\\{[^}]*}", "x");
          URI uri;
          try {
            uri = URI.create(probe);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "'" + template + "' is not a URL: " + e.getMessage(), e);
          }
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                "'" + template + "' is not an http:// or https:// URL with a host");
          }
          return template;
        }

        @Override
        public String describe() {
          return "an http:// or https:// URL";
        }
      };

  static final ValueKind<String> TEMPLATE =
      new ValueKind<>() {
        @Override
        public String read(Object raw) {
          return RunTemplate.validate(ValueKinds.STRING.read(raw));
        }

        @Override
        public String describe() {
          return "a text that may use {{" + RunTemplate.NAMES.replace(", ", "}}, {{") + "}}";
        }
      };

  static final ValueKind<StatusRule> STATUS =
      new ValueKind<>() {
        @Override
        public StatusRule read(Object raw) {
          return StatusRule.parse(ValueKinds.STRING.read(raw));
        }

        @Override
        public String describe() {
          return "status codes or classes such as 2xx or 200,204";
        }

        @Override
        public Object write(StatusRule value) {
          return value.text();
        }
      };

  public static final Param<String> URL = Param.required("url", URL_TEMPLATE);
  public static final Param<String> METHOD =
      Param.optional("method", ValueKinds.oneOf("GET", "POST", "PUT", "PATCH", "DELETE"), "POST");
  public static final Param<Map<String, String>> HEADERS =
      Param.optional("headers", ValueKinds.STRING_MAP, Map.of());
  public static final Param<String> BODY = Param.optional("body", TEMPLATE, null);
  public static final Param<Duration> TIMEOUT =
      Param.optional("timeout", ValueKinds.DURATION, Duration.ofSeconds(30));
  public static final Param<StatusRule> EXPECT_STATUS =
      Param.optional("expectStatus", STATUS, StatusRule.parse("2xx"));

  private static final ParamSpec PARAMS =
      ParamSpec.of("http", URL, METHOD, HEADERS, BODY, TIMEOUT, EXPECT_STATUS);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SUMMARY_LENGTH = 200;

  private volatile HttpClient client;

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String summary() {
    return "calls an HTTP endpoint with the run's key, time and data";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobAction create(Params params) {
    return run -> call(params, run);
  }

  private JobResult call(Params params, JobRun run) throws Exception {
    String method = params.get(METHOD);
    Duration timeout = params.get(TIMEOUT);
    URI uri = URI.create(RunTemplate.fill(params.get(URL), run));
    // Messages name the URL without query or user info: either may carry a secret.
    String target =
        method
            + " "
            + uri.getScheme()
            + "://"
            + uri.getRawAuthority().replaceFirst("^.*@", "")
            + uri.getRawPath();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", run.runKey());
    params.get(HEADERS).forEach((name, value) -> headers.put(name, RunTemplate.fill(value, run)));
    String body = params.get(BODY) == null ? null : RunTemplate.fill(params.get(BODY), run);
    boolean sendsBody = !method.equals("GET") && !method.equals("DELETE");
    if (sendsBody && body == null) {
      body = defaultBody(run);
      headers.putIfAbsent("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));

    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response =
          BoundedHttp.send(
              client(timeout), request.build(), HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (TimeoutException e) {
      throw new HttpCallException(target + " timed out after " + Durations.format(timeout));
    } catch (IOException e) {
      throw new HttpCallException(target + " failed: " + e);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    String excerpt = excerpt(response.body());
    if (!params.get(EXPECT_STATUS).accepts(response.statusCode())) {
      throw new HttpCallException(
          target
              + " answered HTTP "
              + response.statusCode()
              + ", expected "
              + params.get(EXPECT_STATUS).text()
              + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }
    return JobResult.of(
        "HTTP "
            + response.statusCode()
            + " in "
            + millis
            + " ms"
            + (excerpt.isEmpty() ? "" : ": " + excerpt));
  }

  private HttpClient client(Duration timeout) {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .connectTimeout(
                      timeout.compareTo(Duration.ofSeconds(10)) < 0
                          ? timeout
                          : Duration.ofSeconds(10))
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build();
        }
        current = client;
      }
    }
    return current;
  }

  private static String defaultBody(JobRun run) throws JsonProcessingException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("job", run.jobName());
    document.put("runKey", run.runKey());
    document.put("scheduledAt", run.scheduledAt().toString());
    document.put("attempt", run.attempt());
    document.put("manual", run.manual());
    document.put("data", run.data());
    return JSON.writeValueAsString(document);
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() <= SUMMARY_LENGTH ? line : line.substring(0, SUMMARY_LENGTH) + "…";
  }

  /** A call that failed: no answer in time, a refused connection, or an unexpected status. */
  public static final class HttpCallException extends Exception {
    HttpCallException(String message) {
      super(message);
    }
  }

  /** Which status codes count as success: codes ({@code 200}) and classes ({@code 2xx}). */
  public record StatusRule(String text) {

    static StatusRule parse(String text) {
      for (String part : text.split(",", -1)) {
        String trimmed = part.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.matches("[1-5]xx|[1-5][0-9][0-9]")) {
          throw new IllegalArgumentException(
              "'" + part.trim() + "' is not a status code or class; write e.g. 2xx or 200,204");
        }
      }
      return new StatusRule(text.replace(" ", ""));
    }

    boolean accepts(int status) {
      for (String part : text.toLowerCase(Locale.ROOT).split(",")) {
        if (part.endsWith("xx")
            ? status / 100 == part.charAt(0) - '0'
            : status == Integer.parseInt(part)) {
          return true;
        }
      }
      return false;
    }
  }
}
