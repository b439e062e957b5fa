package dev.scheduler.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {

  @TempDir Path directory;

  @Test
  void showsDefaultsAndMasksEverySecret() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("scheduler.yaml"),
            """
            database:
              url: jdbc:postgresql://db1:5432/scheduler
              password: ${DB_PASSWORD}
            alerts:
              webhook: { url: "https://hooks.example.com/services/T1/B2/${HOOK_TOKEN}" }
            jobs:
              a:
                type: sleep
                critical: true
                params: { duration: 5s }
                data: { apiToken: abc, tenant: acme }
            """);
    SchedulerConfig config =
        new ConfigLoader(
                Environment.of(Map.of("DB_PASSWORD", "hunter2", "HOOK_TOKEN", "xoxb42")),
                JobTypes.builtIn())
            .load(file);

    String rendered = EffectiveConfig.render(config, "/srv/data");

    assertThat(rendered)
        .doesNotContain("hunter2")
        .doesNotContain("abc")
        .doesNotContain("xoxb42")
        .doesNotContain("hooks.example.com")
        .contains(
            "alerts:\n  enabled: true\n  webhook:\n    url: '******'\n  email: (none)\n  repeatAfter: 1h\n")
        .contains("critical: true")
        .contains("password: '******'")
        .contains("apiToken: '******'")
        .contains("tenant: acme")
        .contains("threads: 10")
        .contains("shutdownTimeout: 30s")
        .contains("poolSize: threads + 5 (the default)")
        .contains("concurrency: forbid")
        .contains("http:\n  enabled: true\n  address: 127.0.0.1\n  port: 9410\n");
  }

  @Test
  void showsTheMailServerWithoutItsPasswordAndMasksWebhookParameters() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("scheduler.yaml"),
            """
            smtp:
              host: smtp.example.com
              user: scheduler
              password: ${SMTP_PASSWORD}
              from: scheduler@example.com
            alerts:
              email: { to: [ops@example.com] }
            jobs:
              r:
                type: report
                expectSuccessEvery: 8d
                params: { emailTo: [team@example.com], webhookUrl: "https://hooks.example.com/T" }
            """);
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of("SMTP_PASSWORD", "hunter2")), JobTypes.builtIn())
            .load(file);

    String rendered = EffectiveConfig.render(config, "/srv/data");

    assertThat(rendered)
        .doesNotContain("hunter2")
        .doesNotContain("hooks.example.com")
        .contains(
            "smtp:\n  host: smtp.example.com\n  port: 587\n  security: starttls\n  user:"
                + " scheduler\n  password: '******'\n  from: scheduler@example.com\n  timeout:"
                + " 30s\n")
        .contains("  email:\n    to: ops@example.com\n")
        .contains("expectSuccessEvery: 8d")
        .contains("webhookUrl: '******'");
  }

  @Test
  void namesTheEmbeddedStoreWhenThereIsNoDatabase() throws Exception {
    Path file = Files.writeString(directory.resolve("scheduler.yaml"), "");
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file);

    assertThat(EffectiveConfig.render(config, "/srv/data"))
        .contains("database: embedded single-node store at /srv/data");
  }

  @Test
  void showsAJobClassAsDeclaredAndTheNodesClasspath() throws Exception {
    Path jobs = Files.createDirectories(directory.resolve("jobs"));
    Path file =
        Files.writeString(
            directory.resolve("scheduler.yaml"),
            """
            node:
              classpath: [%s]
            jobs:
              own:
                class: %s
                params: { region: eu }
            """
                .formatted(jobs, OwnJob.class.getName()));
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file);

    assertThat(EffectiveConfig.render(config, "/srv/data"))
        .contains("  classpath:\n  - " + jobs + "\n")
        .contains("  own:\n    class: " + OwnJob.class.getName() + "\n    group: default\n")
        .contains("region: eu");
  }

  @Test
  void saysWhenTheNodeHasNoClasspath() throws Exception {
    Path file = Files.writeString(directory.resolve("scheduler.yaml"), "");
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file);

    assertThat(EffectiveConfig.render(config, "/srv/data"))
        .contains("classpath: '(none: job classes from the scheduler''s own classpath only)'");
  }

  public static final class OwnJob implements JobAction {
    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }
}
