package dev.scheduler.daemon.ops.alerts;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node mails a critical job's failure, and its recovery, through a real SMTP server with a
 * login (GreenMail, inside the test): the shipped jar's mail stack, the smtp settings and the
 * password from the environment, end to end.
 */
class EmailAlertsIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("sched", "mail-s3cret"));

  @TempDir Path directory;

  @Test
  void aCriticalJobsFailureAndItsRecoveryAreMailedThroughTheConfiguredSmtpServer()
      throws Exception {
    Path healthy = directory.resolve("healthy");
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            smtp:
              host: 127.0.0.1
              port: %d
              security: none
              user: sched
              password: "${SMTP_PASSWORD}"
              from: scheduler@example.com
            alerts:
              email: { to: [ops@example.com] }
            jobs:
              flaky:
                type: shell
                critical: true
                params: { command: ["/bin/sh", "-c", "test -e %s || { echo disk full; exit 3; }"] }
                schedule: { cron: "* * * * * ?" }
            """
                .formatted(mail.getSmtp().getPort(), healthy));
    Map<String, String> environment = nodeEnvironment("mail-node");
    environment.put("SMTP_PASSWORD", "mail-s3cret");
    try (NodeProcess node = NodeProcess.start("mail", directory, config, environment)) {
      node.awaitReady();

      assertThat(mail.waitForIncomingEmail(20_000, 1)).as("the failure's alert mail").isTrue();
      MimeMessage failure = mail.getReceivedMessages()[0];
      assertThat(failure.getSubject())
          .startsWith("[scheduler] failed: job flaky failed on node mail-node: ")
          .contains("exited with code 3");
      assertThat(failure.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");

      Files.createFile(healthy);
      await("the recovery mail once the job succeeds again")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  Arrays.stream(mail.getReceivedMessages())
                      .anyMatch(message -> subject(message).startsWith("[scheduler] recovered:")));
      assertThat(node.log()).doesNotContain("mail-s3cret");
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
