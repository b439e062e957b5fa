package dev.scheduler.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code datasources:} section, the sql jobs that name them, and the built-in purge job. */
class DatasourcesConfigTest {

  @TempDir Path directory;

  @Test
  void readsNamedDatasourcesWithASmallDefaultPool() throws IOException {
    SchedulerConfig config =
        load(
            """
            datasources:
              app: { url: "jdbc:postgresql://db1:5432/app", user: app, password: "${APP_PW}" }
              audit:
                url: jdbc:postgresql://db2:5432/audit
                user: auditor
                poolSize: 4
            jobs:
              purge-sessions:
                type: sql
                params:
                  datasource: app
                  statement: delete from sessions where expires_at < now()
            """,
            Map.of("APP_PW", "hunter2"));

    DatasourceConfig app = config.datasources().get("app");
    assertThat(app.url()).isEqualTo("jdbc:postgresql://db1:5432/app");
    assertThat(app.user()).isEqualTo("app");
    assertThat(app.password().orElseThrow().reveal()).isEqualTo("hunter2");
    assertThat(app.poolSize()).isEqualTo(DatasourceConfig.DEFAULT_POOL_SIZE);
    assertThat(config.datasources().get("audit").poolSize()).isEqualTo(4);
    assertThat(config.datasources().get("audit").password()).isEmpty();
    assertThat(config.jobs()).containsKey("purge-sessions");

    String rendered = EffectiveConfig.render(config, "/srv/data");
    assertThat(rendered)
        .doesNotContain("hunter2")
        .contains(
            "datasources:\n  app:\n    url: jdbc:postgresql://db1:5432/app\n    user: app\n"
                + "    password: '******'\n    poolSize: 2\n");
  }

  @Test
  void anUnknownDatasourceIsAConfigErrorWithTheClosestName() throws IOException {
    assertThat(
            problems(
                """
                datasources:
                  app: { url: "jdbc:postgresql://db1:5432/app", user: app }
                jobs:
                  purge:
                    type: sql
                    params: { datasource: ap, statement: "delete from sessions" }
                """))
        .containsExactly(
            path()
                + ":6: jobs.purge.params: params.datasource: unknown datasource 'ap' (did you"
                + " mean app?); declared datasources: app");
  }

  @Test
  void aSqlJobWithoutAnyDatasourcesSaysWhereToDeclareThem() throws IOException {
    assertThat(
            problems(
                """
                jobs:
                  purge:
                    type: sql
                    params: { datasource: app, statement: "delete from sessions" }
                """))
        .containsExactly(
            path()
                + ":4: jobs.purge.params: params.datasource: unknown datasource 'app'; declare it"
                + " under datasources: in the config");
  }

  @Test
  void reportsEveryDatasourceProblemWithItsKey() throws IOException {
    assertThat(
            problems(
                """
                datasources:
                  app: { url: "jdbc:mysql://db1/app", user: app, poolSize: 0, pasword: x }
                  audit: { user: auditor }
                """))
        .containsExactly(
            path()
                + ":2: datasources.app.url: 'jdbc:mysql://db1/app' is not a PostgreSQL JDBC URL;"
                + " write jdbc:postgresql://HOST:5432/DATABASE",
            path()
                + ":2: datasources.app.poolSize: 0 is out of range; use a whole number from 1 to"
                + " 50",
            path()
                + ":2: datasources.app.pasword: unknown key (did you mean password?); known keys"
                + " here: url, user, password, poolSize",
            path()
                + ":3: datasources.audit: url is required (jdbc:postgresql://HOST:5432/DATABASE)");
  }

  @Test
  void batchSizeAndTheStatementsMarkerGoTogether() throws IOException {
    assertThat(
            problems(
                """
                datasources:
                  app: { url: "jdbc:postgresql://db1:5432/app", user: app }
                jobs:
                  purge:
                    type: sql
                    params: { datasource: app, statement: "delete from sessions", batchSize: 500 }
                """))
        .singleElement()
        .asString()
        .contains("params.statement: with batchSize the statement must limit each run with");
  }

  @Test
  void theHistoryPurgeIsScheduledUnlessOneIsDeclared() throws IOException {
    SchedulerConfig defaults = load("", Map.of());
    assertThat(defaults.jobs()).isEmpty();
    JobConfig builtIn = defaults.scheduledJobs().get("history-retention");
    assertThat(builtIn.type()).isEqualTo("history-retention");
    assertThat(builtIn.enabled()).isTrue();
    assertThat(builtIn.schedule().orElseThrow().spec()).isEqualTo("daily 03:17");
    assertThat(builtIn.schedule().orElseThrow().zone().getId()).isEqualTo("UTC");

    SchedulerConfig declared =
        load(
            """
            jobs:
              keep-a-year:
                type: history-retention
                enabled: false
                params: { retention: 365d }
            """,
            Map.of());
    assertThat(declared.scheduledJobs()).containsOnlyKeys("keep-a-year");
    assertThat(declared.scheduledJobs().get("keep-a-year").enabled()).isFalse();
  }

  @Test
  void theBuiltInJobsNameIsKeptForItsType() throws IOException {
    assertThat(problems("jobs:\n  history-retention: { type: noop }\n"))
        .containsExactly(
            path()
                + ":2: jobs.history-retention: the name history-retention is kept for the"
                + " built-in history purge; rename this job, or give it type: history-retention");
  }

  private SchedulerConfig load(String yaml, Map<String, String> environment) throws IOException {
    return new ConfigFile(directory).load(yaml, environment);
  }

  private List<String> problems(String yaml) throws IOException {
    return new ConfigFile(directory).problems(yaml, Map.of());
  }

  private String path() {
    return new ConfigFile(directory).path();
  }
}
