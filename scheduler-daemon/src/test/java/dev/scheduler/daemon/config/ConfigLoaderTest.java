package dev.scheduler.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.catalog.Concurrency;
import dev.scheduler.catalog.RetryPolicy;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.schedule.CatchUp;
import dev.scheduler.catalog.schedule.CronSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path directory;

  @Test
  void anEmptyFileMeansTheEmbeddedStoreWithDefaults() throws IOException {
    SchedulerConfig config = load("");

    assertThat(config.embedded()).isTrue();
    assertThat(config.node().threads()).isEqualTo(10);
    assertThat(config.node().shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.node().id()).isEmpty();
    assertThat(config.jobs()).isEmpty();
  }

  @Test
  void readsAFullConfiguration() throws IOException {
    SchedulerConfig config =
        load(
            """
            database:
              url: jdbc:postgresql://db1:5432/scheduler
              user: scheduler
              password: ${DB_PASSWORD}
              poolSize: 20
            node:
              id: node-a
              threads: 4
              shutdownTimeout: 1m
            jobs:
              nightly-report:
                type: sleep
                group: reports
                schedule: { cron: "0 0 1 * * ?", timezone: Europe/Berlin }
                concurrency: allow
                params: { duration: 5s }
                data: { tenant: acme }
              warm-cache:
                type: noop
                enabled: false
            """,
            Map.of("DB_PASSWORD", "s3cret"));

    DatabaseConfig database = config.database().orElseThrow();
    assertThat(database.url()).isEqualTo("jdbc:postgresql://db1:5432/scheduler");
    assertThat(database.password().orElseThrow().reveal()).isEqualTo("s3cret");
    assertThat(database.poolSizeFor(4)).isEqualTo(20);
    assertThat(config.node())
        .isEqualTo(
            new NodeConfig(
                java.util.Optional.of("node-a"), 4, Duration.ofMinutes(1), ClusterTiming.DEFAULT));
    JobConfig report = config.jobs().get("nightly-report");
    assertThat(report.group()).isEqualTo("reports");
    assertThat(report.schedule())
        .contains(new CronSchedule("0 0 1 * * ?", ZoneId.of("Europe/Berlin")));
    assertThat(report.policy().concurrency()).isEqualTo(Concurrency.ALLOW);
    assertThat(report.params()).containsEntry("duration", "5s");
    assertThat(report.data()).containsEntry("tenant", "acme");
    JobConfig cache = config.jobs().get("warm-cache");
    assertThat(cache.enabled()).isFalse();
    assertThat(cache.schedule()).isEmpty();
    assertThat(cache.policy().concurrency()).isEqualTo(Concurrency.FORBID);
    assertThat(cache.policy().recover()).isTrue();
    assertThat(cache.policy().retry()).isEqualTo(RetryPolicy.NONE);
    assertThat(cache.policy().timeout()).isEmpty();
    assertThat(cache.group()).isEqualTo("default");
    assertThat(List.copyOf(config.jobs().keySet())).containsExactly("nightly-report", "warm-cache");
  }

  @Test
  void reportsEveryProblemAtOnceWithFileLineAndKeyPath() throws IOException {
    String yaml =
        """
        nodes:
          threads: 4
        node:
          thread: 4
          shutdownTimeout: soon
        jobs:
          report:
            type: slep
            schedule: { cron: "0 61 * * * ?", timezone: Europe/Berln }
          cleanup:
            type: sleep
            params: { duration: 5x, extra: 1 }
            concurrency: sometimes
        """;

    List<String> problems = problems(yaml, Map.of());

    String file = directory.resolve("scheduler.yaml").toString();
    assertThat(problems)
        .containsExactly(
            file
                + ":5: node.shutdownTimeout: 'soon' is not a duration; write it like 500ms,"
                + " 30s, 5m, 2h, 1d or 1h30m",
            file
                + ":4: node.thread: unknown key (did you mean threads?); known keys here: id,"
                + " threads, shutdownTimeout, checkinInterval, failureTimeout, clockSkewWarning,"
                + " clockSkewLimit, classpath",
            file
                + ":8: jobs.report.type: unknown job type 'slep' (did you mean sleep?); known"
                + " types: noop, sleep, fail, http, shell, sql, history-retention, report",
            file
                + ":9: jobs.report.schedule.timezone: unknown time zone 'Europe/Berln' (did you"
                + " mean Europe/Berlin?); use an IANA zone id such as Europe/Berlin,"
                + " America/New_York or UTC",
            problems.get(4),
            file + ":13: jobs.cleanup.concurrency: 'sometimes' is not forbid or allow",
            file
                + ":12: jobs.cleanup.params: params.duration: '5x' is not a duration; write it"
                + " like 500ms, 30s, 5m, 2h, 1d or 1h30m",
            file
                + ":12: jobs.cleanup.params: params.extra: unknown parameter; the sleep type"
                + " takes: duration",
            file
                + ":1: nodes: unknown key (did you mean node?); known keys here: database,"
                + " node, http, smtp, alerts, datasources, jobs");
    assertThat(problems.get(4))
        .startsWith(file + ":9: jobs.report.schedule.cron: '0 61 * * * ?' is not a valid cron");
  }

  @Test
  void aMissingEnvironmentVariableIsAnError() throws IOException {
    assertThat(problems("database:\n  url: ${DB_URL}\n", Map.of()))
        .containsExactly(
            path()
                + ":2: database.url: environment variable DB_URL is not set; set it, or write"
                + " ${DB_URL:-fallback} for a default");
  }

  @Test
  void environmentReferencesMayCarryAFallback() throws IOException {
    SchedulerConfig config =
        load("database:\n  url: ${DB_URL:-jdbc:postgresql://localhost:5432/s}\n", Map.of());

    assertThat(config.database().orElseThrow().url())
        .isEqualTo("jdbc:postgresql://localhost:5432/s");
  }

  @Test
  void environmentVariablesOverrideTheFile() throws IOException {
    SchedulerConfig config =
        load(
            "database:\n  url: jdbc:postgresql://file:5432/s\n  user: fromfile\nnode:\n  id: a\n",
            Map.of(
                "SCHEDULER_DB_URL", "jdbc:postgresql://env:5432/s",
                "SCHEDULER_DB_PASSWORD", "pw",
                "SCHEDULER_NODE_ID", "node-b"));

    DatabaseConfig database = config.database().orElseThrow();
    assertThat(database.url()).isEqualTo("jdbc:postgresql://env:5432/s");
    assertThat(database.user()).isEqualTo("fromfile");
    assertThat(database.password().orElseThrow().reveal()).isEqualTo("pw");
    assertThat(config.node().id()).contains("node-b");
  }

  @Test
  void aDatabaseUrlFromTheEnvironmentAloneTurnsOnPostgres() throws IOException {
    SchedulerConfig config =
        load("", Map.of("SCHEDULER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/scheduler"));

    assertThat(config.embedded()).isFalse();
    assertThat(config.database().orElseThrow().user()).isEqualTo("scheduler");
  }

  @Test
  void badEnvironmentOverridesAreReportedByName() throws IOException {
    assertThat(
            problems("", Map.of("SCHEDULER_DB_URL", "postgres://x", "SCHEDULER_NODE_ID", "bad id")))
        .containsExactly(
            "environment: SCHEDULER_DB_URL: 'postgres://x' is not a PostgreSQL JDBC URL; write"
                + " jdbc:postgresql://HOST:5432/DATABASE, or remove the database section to use"
                + " the embedded store",
            "environment: SCHEDULER_NODE_ID: 'bad id' is not a valid node id; use 1 to 64"
                + " letters, digits, '.', '_' or '-', starting with a letter or digit");
  }

  @Test
  void wrongShapesAndRangesAreReported() throws IOException {
    assertThat(
            problems(
                "node:\n  threads: [1, 2]\ndatabase:\n  user: x\njobs:\n  a:\n    type: noop\n"
                    + "    data: { scheduler.type: x }\n  \"b c\":\n    type: noop\n",
                Map.of()))
        .containsExactly(
            path()
                + ":4: database: url is required (jdbc:postgresql://HOST:5432/DATABASE);"
                + " remove the database section to use the embedded store",
            path() + ":2: node.threads: expected a single value, not a list",
            path()
                + ":8: jobs.a.data: data.scheduler.type: names starting with 'scheduler.'"
                + " are reserved for the scheduler",
            path()
                + ":9: jobs.b c: 'b c' is not a valid name; use 1 to 100 letters, digits,"
                + " '.', '_' or '-', starting with a letter or digit");
  }

  @Test
  void theHttpEndpointsListenOnThisHostOnlyByDefault() throws IOException {
    assertThat(load("").http()).isEqualTo(new HttpConfig(true, "127.0.0.1", 9410));
    assertThat(load("http: {}\n").http()).isEqualTo(HttpConfig.defaults());
  }

  @Test
  void readsTheHttpSection() throws IOException {
    assertThat(load("http:\n  enabled: false\n  address: 0.0.0.0\n  port: 0\n").http())
        .isEqualTo(new HttpConfig(false, "0.0.0.0", 0));
    assertThat(load("http: { port: 19410, address: \"::1\" }\n").http())
        .isEqualTo(new HttpConfig(true, "::1", 19410));
  }

  @Test
  void badHttpSettingsAreReported() throws IOException {
    assertThat(
            problems(
                """
                http:
                  port: 70000
                  address: 127.0.0.1:9410
                  enabled: sometimes
                  adress: 0.0.0.0
                """,
                Map.of()))
        .containsExactly(
            path() + ":4: http.enabled: 'sometimes' is not true or false",
            path()
                + ":3: http.address: '127.0.0.1:9410' has a port in it; write the address alone"
                + " and the port as http.port",
            path()
                + ":2: http.port: 70000 is out of range; use a port from 1 to 65535, or 0 for"
                + " any free port",
            path()
                + ":5: http.adress: unknown key (did you mean address?); known keys here: enabled,"
                + " address, port");
    assertThat(problems("http:\n  address: \"http://0.0.0.0/\"\n  port: -1\n", Map.of()))
        .containsExactly(
            path()
                + ":2: http.address: 'http://0.0.0.0/' is not an address to listen on; use an IP"
                + " address of this host such as 127.0.0.1 (this host only) or 0.0.0.0 (every"
                + " interface), or a host name",
            path()
                + ":3: http.port: -1 is out of range; use a port from 1 to 65535, or 0 for any"
                + " free port");
    assertThat(problems("http: 9410\n", Map.of()))
        .containsExactly(path() + ":1: http: expected a map of settings, not '9410'");
  }

  @Test
  void theEnvironmentOverridesTheHttpPort() throws IOException {
    SchedulerConfig config =
        load("http:\n  address: 0.0.0.0\n  port: 9999\n", Map.of("SCHEDULER_HTTP_PORT", "0"));

    assertThat(config.http()).isEqualTo(new HttpConfig(true, "0.0.0.0", 0));
    assertThat(problems("", Map.of("SCHEDULER_HTTP_PORT", "nine")))
        .containsExactly("environment: SCHEDULER_HTTP_PORT: 'nine' is not a whole number");
    assertThat(problems("", Map.of("SCHEDULER_HTTP_PORT", "65536")))
        .containsExactly(
            "environment: SCHEDULER_HTTP_PORT: 65536 is out of range; use a port from 1 to 65535,"
                + " or 0 for any free port");
  }

  @Test
  void threadsOutOfRangeNamesTheRule() throws IOException {
    assertThat(problems("node:\n  threads: 0\n", Map.of()))
        .containsExactly(
            path() + ":2: node.threads: 0 is out of range; use a whole number from 1 to 500");
  }

  @Test
  void aScheduleNeedsExactlyOneKind() throws IOException {
    assertThat(problems("jobs:\n  a:\n    type: noop\n    schedule: { timezone: UTC }\n", Map.of()))
        .containsExactly(
            path()
                + ":4: jobs.a.schedule: a schedule needs exactly one of cron, daily, weekdays or"
                + " weekly (e.g. daily: \"08:00\", weekly: \"MON@09:00\", cron: \"0 0/5 * * * ?\")");
    assertThat(
            problems(
                "jobs:\n  a:\n    type: noop\n    schedule: { daily: \"08:00\", cron: \"0 * * * * ?\" }\n",
                Map.of()))
        .singleElement()
        .asString()
        .endsWith("; found cron and daily");
  }

  @Test
  void readsLocalTimeSchedulesAndCatchUpSettings() throws IOException {
    SchedulerConfig config =
        load(
            """
            jobs:
              digest:
                type: noop
                schedule: { weekly: "MON,THU@09:00", timezone: America/New_York }
                catchUp: all
                catchUpWindow: 6h
                catchUpLimit: 3
              report:
                type: noop
                schedule: { daily: "08:00, 18:30" }
            """,
            Map.of());

    JobConfig digest = config.jobs().get("digest");
    assertThat(digest.schedule().orElseThrow().spec()).isEqualTo("weekly MON,THU@09:00");
    assertThat(digest.schedule().orElseThrow().zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(digest.policy().catchUp())
        .isEqualTo(new CatchUp(CatchUp.Policy.ALL, Duration.ofHours(6), 3));
    JobConfig report = config.jobs().get("report");
    assertThat(report.schedule().orElseThrow().describe())
        .isEqualTo("daily at 08:00, 18:30 in UTC");
    assertThat(report.policy().catchUp()).isEqualTo(CatchUp.DEFAULT);
  }

  @Test
  void readsRetriesTimeoutsRecoveryAndClusterTiming() throws IOException {
    SchedulerConfig config =
        load(
            """
            node:
              checkinInterval: 500ms
              failureTimeout: 10s
              clockSkewWarning: 100ms
              clockSkewLimit: 1s
            jobs:
              flaky:
                type: noop
                retry: { maxAttempts: 4, backoff: 10s, multiplier: 3, maxBackoff: 1m }
                timeout: 2m
                recover: false
            """,
            Map.of());

    assertThat(config.node().cluster())
        .isEqualTo(
            new ClusterTiming(
                Duration.ofMillis(500),
                Duration.ofSeconds(10),
                Duration.ofMillis(100),
                Duration.ofSeconds(1)));
    var policy = config.jobs().get("flaky").policy();
    assertThat(policy.retry())
        .isEqualTo(new RetryPolicy(4, Duration.ofSeconds(10), 3.0, Duration.ofMinutes(1)));
    assertThat(policy.timeout()).contains(Duration.ofMinutes(2));
    assertThat(policy.recover()).isFalse();
  }

  @Test
  void badRetriesAndClusterTimingAreReported() throws IOException {
    assertThat(
            problems(
                """
                node: { checkinInterval: 5s, failureTimeout: 10s }
                jobs:
                  flaky:
                    type: noop
                    retry: { maxAttempts: 0, backof: 10s }
                    timeout: 0s
                """,
                Map.of()))
        .containsExactly(
            path() + ":1: node: failureTimeout 10s must be at least three check-in intervals (15s)",
            path()
                + ":5: jobs.flaky.retry.maxAttempts: 0 is out of range; use a whole number from 1 to 100",
            path()
                + ":5: jobs.flaky.retry.backof: unknown key (did you mean backoff?); known keys here:"
                + " maxAttempts, backoff, multiplier, maxBackoff",
            path() + ":6: jobs.flaky.timeout: 0s is not a positive duration; use e.g. 30s");
  }

  @Test
  void badSchedulesAndCatchUpSettingsAreReported() throws IOException {
    assertThat(
            problems(
                """
                jobs:
                  report:
                    type: noop
                    schedule: { daily: "25:00" }
                    catchUp: twice
                    catchUpWindow: 0s
                """,
                Map.of()))
        .containsExactly(
            path()
                + ":4: jobs.report.schedule.daily: '25:00' is not a time of day; write HH:MM from"
                + " 00:00 to 23:59, e.g. 08:30 (several: 08:00,18:30)",
            path() + ":5: jobs.report.catchUp: 'twice' is not skip, once or all",
            path() + ":6: jobs.report.catchUpWindow: 0s is not a positive duration; use e.g. 2h");
  }

  @Test
  void parametersKeepTheirEnvironmentReferencesButAreCheckedResolved() throws IOException {
    SchedulerConfig config =
        load(
            "jobs:\n  a:\n    type: sleep\n    params: { duration: \"${NAP}\" }\n",
            Map.of("NAP", "5s"));

    assertThat(config.jobs().get("a").params()).containsEntry("duration", "${NAP}");
    assertThat(
            problems(
                "jobs:\n  a:\n    type: sleep\n    params: { duration: \"${NAP}\" }\n", Map.of()))
        .containsExactly(
            path()
                + ":4: jobs.a.params: params: environment variable NAP is not set; set it, or"
                + " write ${NAP:-fallback} for a default");
  }

  @Test
  void duplicateKeysAndBrokenYamlAreReportedWithTheirLine() throws IOException {
    assertThat(problems("node:\n  threads: 1\n  threads: 2\n", Map.of()))
        .containsExactly(path() + ":3: node.threads: duplicate key");
    assertThat(problems("jobs: [\n", Map.of())).hasSize(1);
    assertThat(problems("jobs: [\n", Map.of()).get(0)).startsWith(path() + ":2: not valid YAML");
  }

  @Test
  void aMissingFileSaysHowToPointAtOne() {
    Path missing = directory.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigFile.loader(Map.of()).load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            missing
                + ": no such file; pass --config FILE (config/scheduler.yaml in the repository is"
                + " a working example)");
  }

  @Test
  void alertsDefaultToTheLogOnlyOncePerHour() throws IOException {
    SchedulerConfig config = load("jobs: { a: { type: noop } }");

    assertThat(config.alerts()).isEqualTo(AlertsConfig.defaults());
    assertThat(config.alerts().repeatAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(config.alerts().webhook()).isEmpty();
    assertThat(config.jobs().get("a").alerts()).isEqualTo(new JobAlerts(true, false));
  }

  @Test
  void readsAlertsWithAWebhookFromTheEnvironmentAndPerJobSettings() throws IOException {
    SchedulerConfig config =
        load(
            """
            alerts:
              webhook: { url: "${HOOK}" }
              repeatAfter: 30m
            jobs:
              billing: { type: noop, critical: true }
              chatty: { type: noop, alerts: false }
            """,
            Map.of("HOOK", "https://hooks.example.com/services/T1/B2/secret"));

    assertThat(config.alerts().enabled()).isTrue();
    assertThat(config.alerts().repeatAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.alerts().webhook().orElseThrow().reveal())
        .isEqualTo("https://hooks.example.com/services/T1/B2/secret");
    assertThat(config.jobs().get("billing").alerts()).isEqualTo(new JobAlerts(true, true));
    assertThat(config.jobs().get("chatty").alerts()).isEqualTo(new JobAlerts(false, false));
  }

  @Test
  void badAlertSettingsAreReportedByKey() throws IOException {
    String file = directory.resolve("scheduler.yaml").toString();
    List<String> problems =
        problems(
            """
            alerts:
              webhook: { url: "ftp://example.com/x?token=s3cret" }
              repeatAfter: 0s
              enable: false
            jobs:
              a: { type: noop, critical: maybe }
            """,
            Map.of());

    assertThat(problems)
        .containsExactlyInAnyOrder(
            file
                + ":2: alerts.webhook.url: is not an http(s) URL; use the webhook's https://"
                + " address, such as https://hooks.slack.com/services/...",
            file
                + ":3: alerts.repeatAfter: must be positive, such as 1h; it is how long repeats"
                + " of an alert are held back",
            file
                + ":4: alerts.enable: unknown key (did you mean enabled?); known keys here:"
                + " enabled, email, webhook, repeatAfter",
            file + ":6: jobs.a.critical: 'maybe' is not true or false");
    assertThat(String.join("\n", problems)).doesNotContain("s3cret");
  }

  @Test
  void readsTheMailServerEmailAlertsAndAJobsExpectedSuccessRhythm() throws IOException {
    SchedulerConfig config =
        load(
            """
            smtp:
              host: smtp.example.com
              user: scheduler
              password: ${SMTP_PASSWORD}
              from: scheduler@example.com
            alerts:
              email: { to: [ops@example.com, "oncall@example.com"] }
            jobs:
              nightly: { type: noop, expectSuccessEvery: 26h }
              weekly-report:
                type: report
                params: { emailTo: [team@example.com], period: weekly }
            """,
            Map.of("SMTP_PASSWORD", "s3cret"));

    SmtpSettings smtp = config.smtp().orElseThrow();
    assertThat(smtp.host()).isEqualTo("smtp.example.com");
    assertThat(smtp.port()).isEqualTo(587);
    assertThat(smtp.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
    assertThat(smtp.password()).contains("s3cret");
    assertThat(smtp.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.alerts().emailTo()).containsExactly("ops@example.com", "oncall@example.com");
    assertThat(config.jobs().get("nightly").alerts().expectSuccessEvery())
        .contains(Duration.ofHours(26));
    assertThat(config.jobs().get("weekly-report").alerts().expectSuccessEvery()).isEmpty();
  }

  @Test
  void badMailSettingsAreReportedByKey() throws IOException {
    String file = path();
    List<String> problems =
        problems(
            """
            smtp:
              host: "smtp.example.com:587"
              port: 70000
              security: tls1.3
              password: x
            alerts:
              email: { to: [ops] }
            jobs:
              a: { type: noop, expectSuccessEvery: 1m }
            """,
            Map.of());

    assertThat(problems)
        .containsExactlyInAnyOrder(
            file
                + ":2: smtp.host: 'smtp.example.com:587' is not a host name; write only the host,"
                + " such as smtp.example.com (the port goes in smtp.port)",
            file + ":3: smtp.port: 70000 is not a TCP port (1 to 65535); SMTP uses 587, 465 or 25",
            file
                + ":4: smtp.security: 'tls1.3' is not starttls, ssl or none (how the SMTP"
                + " connection is protected)",
            file + ":2: smtp: from is required: the sender address, such as scheduler@example.com",
            file + ":5: smtp.password: a password needs a user: set smtp.user too",
            file
                + ":7: alerts.email.to: 'ops' is not an email address; write one such as"
                + " ops@example.com",
            file
                + ":9: jobs.a.expectSuccessEvery: must be at least 5m, such as 26h for a daily"
                + " job; it is how long the job may go without a success before it alerts");
  }

  @Test
  void emailWithoutAMailServerIsAProblemWhereverItIsAsked() throws IOException {
    String file = path();
    List<String> problems =
        problems(
            """
            alerts:
              email: { to: ops@example.com }
            jobs:
              r: { type: report, params: { emailTo: [ops@example.com] } }
            """,
            Map.of());

    assertThat(problems)
        .containsExactlyInAnyOrder(
            file
                + ":2: alerts.email: email needs a mail server: add an smtp section (host, from,"
                + " ...)",
            file
                + ":4: jobs.r.params: params.emailTo: email needs a mail server: add a valid smtp"
                + " section (host, from, ...) to the configuration");
  }

  private SchedulerConfig load(String yaml) throws IOException {
    return load(yaml, Map.of());
  }

  private SchedulerConfig load(String yaml, Map<String, String> environment) throws IOException {
    return new ConfigFile(directory).load(yaml, environment);
  }

  private List<String> problems(String yaml, Map<String, String> environment) throws IOException {
    return new ConfigFile(directory).problems(yaml, environment);
  }

  private String path() {
    return new ConfigFile(directory).path();
  }
}
