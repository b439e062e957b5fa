package dev.scheduler.daemon.cli;

import static dev.scheduler.daemon.testing.ClusterTestSupport.dump;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.JobJars;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's job classes, compiled into a jar at test time and declared by class name, run on a real
 * node process that has the jar on its node.classpath: injected with their params, a named
 * datasource and the clock; their failures, and timeouts, recorded as for built-in types.
 */
class JobClassIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String GREETING =
      """
      package com.example.jobs;

      import dev.scheduler.catalog.*;
      import java.sql.*;

      public class Greeting implements JobAction {
        private final JobSetup setup;

        public Greeting(JobSetup setup) {
          this.setup = setup;
        }

        @Override
        public JobResult run(JobRun run) throws Exception {
          String greeting = setup.params().get("greeting");
          var datasource = setup.resources().datasource(setup.params().get("datasource"));
          try (Connection connection = datasource.getConnection();
              PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into app.greetings (run_key, greeting, at) values (?, ?, ?)")) {
            insert.setString(1, run.runKey());
            insert.setString(2, greeting);
            insert.setTimestamp(3, Timestamp.from(setup.clock().instant()));
            insert.executeUpdate();
          }
          return JobResult.of("greeted with " + greeting);
        }
      }
      """;

  private static final String BROKEN =
      """
      package com.example.jobs;

      import dev.scheduler.catalog.*;

      public class Broken implements JobAction {
        @Override
        public JobResult run(JobRun run) {
          throw new IllegalStateException("the ledger is closed");
        }
      }
      """;

  private static final String PATIENT =
      """
      package com.example.jobs;

      import dev.scheduler.catalog.*;

      public class Patient implements JobAction {
        // Waits for something that never comes, until its timeout interrupts it.
        @Override
        public JobResult run(JobRun run) throws InterruptedException {
          new java.util.concurrent.CountDownLatch(1).await();
          return JobResult.done();
        }
      }
      """;

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path directory;

  private static Path config;
  private static NodeProcess node;

  @BeforeAll
  static void startNodeWithTheTeamsJar() throws Exception {
    try (Connection connection = db.connect()) {
      // A schema of its own stands in for the application's database.
      connection.createStatement().execute("create schema app");
      connection
          .createStatement()
          .execute("create table app.greetings (run_key text, greeting text, at timestamptz)");
    }
    Path jobs = Files.createDirectories(directory.resolve("jobs"));
    JobJars.build(
        jobs.resolve("team-jobs.jar"),
        Map.of(
            "com.example.jobs.Greeting", GREETING,
            "com.example.jobs.Broken", BROKEN,
            "com.example.jobs.Patient", PATIENT));
    config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node:
              classpath: [%s]
            datasources:
              app: { url: "%s", user: %s }
            jobs:
              greet:
                class: com.example.jobs.Greeting
                params: { datasource: app, greeting: "${GREETING:-hi}" }
              broken: { class: com.example.jobs.Broken }
              patient:
                class: com.example.jobs.Patient
                timeout: 1s
            """
                .formatted(jobs, db.jdbcUrl(), db.user()));
    Map<String, String> environment = ClusterTestSupport.nodeEnvironment("class-node");
    // Set on the node only: the param is resolved where the job runs.
    environment.put("GREETING", "hello");
    node = NodeProcess.start("class-node", directory, config, environment).awaitReady();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      assertThat(node.terminate(Duration.ofSeconds(60))).as(node.log()).isZero();
    }
  }

  @Test
  void aJobClassRunsWithWhatTheNodeInjects() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = trigger("greet", out, err);

    assertThat(code).as(out + "\n" + err + "\n" + node.log()).isZero();
    assertThat(queryText(db, "select greeting from app.greetings")).isEqualTo("hello");
    assertThat(
            queryText(
                db, "select status || ' ' || note from job_execution where job_name = 'greet'"))
        .as(dump(db, "select * from job_execution"))
        .isEqualTo("SUCCEEDED greeted with hello");
    // The clock the node injected stamped the row within the run.
    assertThat(
            queryText(
                db,
                "select g.at between e.started_at and e.finished_at from app.greetings g"
                    + " join job_execution e on e.run_key = g.run_key"))
        .isEqualTo("t");
  }

  @Test
  void aFailingJobClassEndsFailedWithItsMessage() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = trigger("broken", out, err);

    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(
            queryText(
                db,
                "select status || ' ' || error_class || ': ' || error_message from job_execution"
                    + " where job_name = 'broken'"))
        .isEqualTo("FAILED java.lang.IllegalStateException: the ledger is closed");
  }

  @Test
  void aTimeoutInterruptsAJobClass() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = trigger("patient", out, err);

    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(queryText(db, "select status from job_execution where job_name = 'patient'"))
        .isEqualTo("TIMED_OUT");
  }

  @Test
  void jobsListShowsAJobClassAsItsType() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(InProcessCli.run(config, out, err, "jobs", "list", "--json"))
        .as(err.toString())
        .isZero();

    JsonNode greet = null;
    for (JsonNode job : JSON.readTree(out.toString())) {
      if (job.get("name").asText().equals("greet")) {
        greet = job;
      }
    }
    assertThat(greet).as(out.toString()).isNotNull();
    assertThat(greet.get("type").asText()).isEqualTo("class:com.example.jobs.Greeting");
  }

  private static int trigger(String job, StringWriter out, StringWriter err) {
    return InProcessCli.run(config, out, err, "jobs", "trigger", job, "--wait", "--timeout", "60s");
  }
}
