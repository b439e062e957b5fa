package dev.scheduler.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.scheduler.daemon.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdNotifierTest {

  @Test
  void notifiesOnlyWhenSystemdGaveASocket() {
    assertThat(SystemdNotifier.fromEnvironment(Environment.of(Map.of())).enabled()).isFalse();
    assertThat(
            SystemdNotifier.fromEnvironment(
                    Environment.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")))
                .enabled())
        .isTrue();
  }

  @Test
  void aMissingSystemdNotifyNeverStopsTheNode() {
    SystemdNotifier notifier = new SystemdNotifier("/nonexistent/systemd-notify");

    assertThatCode(() -> notifier.ready("node a ready")).doesNotThrowAnyException();
    assertThatCode(() -> notifier.stopping("node a stopping")).doesNotThrowAnyException();
  }
}
