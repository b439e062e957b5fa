package dev.scheduler.daemon.cli;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.node.SchedulerNode;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.testing.TestDatabase;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Per-user schedules end to end: the CLI stores them, a node fires them at the application. */
class UserSchedulesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path directory;

  private static final List<String> calls = new CopyOnWriteArrayList<>();
  private static HttpServer application;
  private static Path config;
  private static SchedulerNode node;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    application.createContext(
        "/",
        exchange -> {
          calls.add(
              exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    application.start();
    config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              user-digest:
                type: http
                concurrency: allow
                params: { url: "http://127.0.0.1:%d/digest/{{data.userId}}" }
              one-at-a-time:
                type: noop
            """
                .formatted(application.getAddress().getPort()));
    node =
        SchedulerNode.start(
            new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(config),
            JobTypes.builtIn(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (application != null) {
      application.stop(0);
    }
  }

  @Test
  void aUsersScheduleCallsTheApplicationWithTheUserIdAndRunKey() {
    assertThat(
            run(
                "users",
                "set",
                "42",
                "--job",
                "user-digest",
                "--cron",
                "* * * * * ?",
                "--tz",
                "Europe/Berlin"))
        .isZero();

    // An idle node looks for new triggers at least every 30 seconds.
    await("the application to be called for user 42")
        .atMost(Duration.ofSeconds(45))
        .until(() -> calls.stream().anyMatch(call -> call.startsWith("/digest/42 user-digest@")));
    await("the run to be in the history")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                queryLong(
                        db,
                        "select count(*) from job_execution where trigger_name = 'user-digest/42'"
                            + " and status = 'SUCCEEDED' and note like 'HTTP 204 in %'")
                    > 0);

    assertThat(run("users", "remove", "42")).isZero();
    assertThat(out.toString()).contains("removed 1 schedule of user 42: user-digest");
    assertThat(
            queryLong(
                db, "select count(*) from qrtz_triggers where trigger_name = 'user-digest/42'"))
        .isZero();
  }

  @Test
  void changingAUsersZoneMovesTheNextFire() throws Exception {
    run(
        "users",
        "set",
        "44",
        "--job",
        "user-digest",
        "--daily",
        "08:00",
        "--tz",
        "America/New_York");
    assertThat(nextFireLocal("44")).isEqualTo(LocalTime.of(8, 0));
    assertThat(offsetOf("44"))
        .isEqualTo(ZoneId.of("America/New_York").getRules().getOffset(nextFire("44").toInstant()));

    run("users", "set", "44", "--job", "user-digest", "--daily", "08:00", "--tz", "Asia/Tokyo");

    assertThat(nextFireLocal("44")).isEqualTo(LocalTime.of(8, 0));
    assertThat(offsetOf("44").getTotalSeconds()).isEqualTo(9 * 3600);
    assertThat(queryLong(db, "select count(*) from user_schedule where user_id = '44'"))
        .isEqualTo(1);
  }

  @Test
  void aForbidJobIsRefusedForPerUserSchedules() {
    assertThat(
            run("users", "set", "7", "--job", "one-at-a-time", "--daily", "08:00", "--tz", "UTC"))
        .isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: job one-at-a-time has concurrency: forbid, which would let one user's run hold"
                + " back every other user's; set concurrency: allow for a per-user job");
  }

  @Test
  void badCommandLineSchedulesAreUsageErrors() {
    assertThat(run("users", "set", "7", "--job", "user-digest", "--daily", "8am", "--tz", "UTC"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "error: --daily: '8am' is not a time of day; write HH:MM from 00:00 to 23:59, e.g. 08:30"
                + " (several: 08:00,18:30)");
  }

  @Test
  void importIsValidatedRowByRowAndAllOrNothing() throws Exception {
    Path bad =
        Files.writeString(
            directory.resolve("bad.csv"),
            """
            user,job,schedule,timezone
            100,user-digest,daily 08:00,Europe/Berlin
            101,user-digest,daily 8am,Europe/Berlin
            102,user-digest,weekly MON@09:00,Europe/Berln
            100,user-digest,daily 09:00,Europe/Berlin
            """);
    assertThat(run("users", "import", bad.toString())).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            "error: "
                + bad
                + ":3: '8am' is not a time of day; write HH:MM from 00:00 to 23:59,"
                + " e.g. 08:30 (several: 08:00,18:30)",
            "error: "
                + bad
                + ":4: unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?);"
                + " use an IANA zone id such as Europe/Berlin, America/New_York or UTC",
            "error: " + bad + ":5: user 100 has a schedule for user-digest on line 2 already",
            "error: nothing was imported: 3 problems in " + bad);
    assertThat(queryLong(db, "select count(*) from user_schedule where user_id like '10%'"))
        .isZero();

    Path good =
        Files.writeString(
            directory.resolve("good.csv"),
            """
            user,job,schedule,timezone
            200,user-digest,"daily 08:00,18:30",Europe/Berlin
            201,user-digest,weekly MON@09:00,America/New_York
            202,one-at-a-time,daily 08:00,UTC
            """);
    assertThat(run("users", "import", good.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: nothing was imported: job one-at-a-time has concurrency: forbid");
    assertThat(queryLong(db, "select count(*) from user_schedule where user_id like '20%'"))
        .isZero();

    Files.writeString(good, Files.readString(good).replace("202,one-at-a-time", "202,user-digest"));
    assertThat(run("users", "import", good.toString())).isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from qrtz_triggers where trigger_group = 'users' and trigger_name like 'user-digest/20%'"))
        .isEqualTo(3);
  }

  private JsonNode schedule(String user) throws Exception {
    out.getBuffer().setLength(0);
    assertThat(run("users", "list", "--user", user, "--json")).isZero();
    JsonNode list = JSON.readTree(out.toString());
    assertThat(list.size()).isEqualTo(1);
    return list.get(0);
  }

  private OffsetDateTime nextFire(String user) throws Exception {
    return OffsetDateTime.parse(schedule(user).get("nextFireLocal").asText());
  }

  private LocalTime nextFireLocal(String user) throws Exception {
    return nextFire(user).toLocalTime();
  }

  private java.time.ZoneOffset offsetOf(String user) throws Exception {
    return nextFire(user).getOffset();
  }

  private int run(String... args) {
    return InProcessCli.run(config, out, err, args);
  }
}
