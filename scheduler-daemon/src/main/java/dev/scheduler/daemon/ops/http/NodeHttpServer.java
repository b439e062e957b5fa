package dev.scheduler.daemon.ops.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.config.HttpConfig;
import dev.scheduler.daemon.ops.metrics.NodeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP endpoints for operators, on the JDK's own server: {@code GET /metrics}
 * (Prometheus), {@code /health/live} and {@code /health/ready}. It binds its port as the node
 * starts, so a port in use stops the start, and serves once the node is ready.
 */
public final class NodeHttpServer implements AutoCloseable {

  static final String METRICS = "/metrics";
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";

  /** Scrapes and probes are few and quick: two threads serve them. */
  static final int THREADS = 2;

  private static final Logger log = LoggerFactory.getLogger(NodeHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  private static final String TEXT_TYPE = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final String nodeId;
  private ExecutorService threads;
  private NodeMetrics metrics;
  private Readiness readiness;

  private NodeHttpServer(HttpServer server, String nodeId) {
    this.server = server;
    this.nodeId = nodeId;
  }

  /**
   * Takes the configured address and port; serves nothing until {@link #start}.
   *
   * @throws OperationFailedException naming the address and the settings to change when it cannot
   */
  public static NodeHttpServer bind(HttpConfig config, String nodeId) {
    InetSocketAddress address = new InetSocketAddress(config.address(), config.port());
    String where = hostAndPort(address);
    if (address.isUnresolved()) {
      throw new OperationFailedException(
          "cannot serve metrics and health on "
              + where
              + ": unknown host; set http.address to an address of this host, such as 127.0.0.1"
              + " or 0.0.0.0");
    }
    try {
      return new NodeHttpServer(HttpServer.create(address, 0), nodeId);
    } catch (IOException e) {
      throw new OperationFailedException(
          "cannot serve metrics and health on "
              + where
              + " ("
              + e.getMessage()
              + "); set http.port or SCHEDULER_HTTP_PORT to a free port (0 takes any free port),"
              + " or http.enabled: false to do without",
          e);
    }
  }

  /** Serves the endpoints; closing this server closes the readiness checks too. */
  public void start(NodeMetrics metrics, Readiness readiness) {
    this.metrics = metrics;
    this.readiness = readiness;
    AtomicInteger count = new AtomicInteger();
    threads =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "http-" + nodeId + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
    log.info(
        "serving metrics and health at http://{} ({}, {}, {})",
        hostAndPort(server.getAddress()),
        METRICS,
        LIVE,
        READY);
  }

  /** The port it listens on: the one configured, or the one taken for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    if (threads != null) {
      threads.shutdownNow();
    }
    if (readiness != null) {
      readiness.close();
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(METRICS) && !path.equals(LIVE) && !path.equals(READY)) {
        send(
            exchange,
            404,
            TEXT_TYPE,
            text("not found; try " + METRICS + ", " + LIVE + " or " + READY));
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, TEXT_TYPE, text(method + " is not allowed; use GET"));
        return;
      }
      switch (path) {
        case METRICS -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
          metrics.scrape(body);
          send(exchange, 200, NodeMetrics.CONTENT_TYPE, body.toByteArray());
        }
        case LIVE -> send(exchange, 200, JSON_TYPE, json(Map.of("live", true)));
        default -> {
          Readiness.Report report = readiness.check();
          send(exchange, report.ready() ? 200 : 503, JSON_TYPE, json(report.document()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or a check failed in a way it should not: the node runs on.
      log.warn(
          "could not answer {} {}: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e.toString());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] text(String line) {
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(Object document) throws JsonProcessingException {
    return JSON.writeValueAsBytes(document);
  }

  private static String hostAndPort(InetSocketAddress address) {
    String host = address.getHostString();
    boolean ipv6 = address.getAddress() instanceof Inet6Address || host.contains(":");
    return (ipv6 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
