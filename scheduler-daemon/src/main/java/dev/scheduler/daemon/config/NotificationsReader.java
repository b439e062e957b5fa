package dev.scheduler.daemon.config;

import dev.scheduler.catalog.notify.EmailAddresses;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.notify.WebhookSender;
import dev.scheduler.catalog.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads where notifications go: the {@code smtp} mail server and the {@code alerts} sinks. */
final class NotificationsReader {

  private NotificationsReader() {}

  static Optional<SmtpSettings> smtp(YamlSection section) {
    Optional<String> host = section.value("host", NotificationsReader::hostName);
    int port =
        section
            .value("port", text -> SmtpSettings.checkPort(ConfigLoader.wholeNumber(text)))
            .orElse(SmtpSettings.DEFAULT_PORT);
    SmtpSettings.Security security =
        section
            .value("security", SmtpSettings.Security::parse)
            .orElse(SmtpSettings.DEFAULT_SECURITY);
    Optional<String> user = section.text("user");
    Optional<String> password = section.text("password");
    Optional<String> from = section.value("from", EmailAddresses::check);
    Duration timeout =
        section
            .value("timeout", text -> SmtpSettings.checkTimeout(Durations.parse(text)))
            .orElse(SmtpSettings.DEFAULT_TIMEOUT);
    section.rejectUnknownKeys();
    if (!section.has("host")) {
      section.problem("host is required: the SMTP server, such as smtp.example.com");
    }
    if (!section.has("from")) {
      section.problem("from is required: the sender address, such as scheduler@example.com");
    }
    if (password.isPresent() && user.isEmpty()) {
      section.problem("password", "a password needs a user: set smtp.user too");
    }
    if (host.isEmpty() || from.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SmtpSettings(host.get(), port, security, user, password, from.get(), timeout));
  }

  private static String hostName(String text) {
    String host = text.trim();
    if (host.isEmpty() || host.contains("/") || host.contains(":") || host.contains(" ")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a host name; write only the host, such as smtp.example.com (the"
              + " port goes in smtp.port)");
    }
    return host;
  }

  static AlertsConfig alerts(YamlSection section, boolean smtpDeclared) {
    boolean enabled =
        section.value("enabled", ConfigLoader::bool).orElse(AlertsConfig.DEFAULT_ENABLED);
    List<String> emailTo =
        section
            .section("email")
            .map(
                email -> {
                  List<String> to = addresses(email, "to");
                  email.rejectUnknownKeys();
                  if (!email.has("to")) {
                    email.problem("to is required: the addresses alerts go to, [ops@example.com]");
                  } else if (!smtpDeclared) {
                    email.problem(
                        "email needs a mail server: add an smtp section (host, from, ...)");
                  }
                  return to;
                })
            .orElse(List.of());
    Optional<Secret> webhook =
        section
            .section("webhook")
            .flatMap(
                hook -> {
                  Optional<String> url = hook.value("url", WebhookSender::checkUrl);
                  hook.rejectUnknownKeys();
                  if (!hook.has("url")) {
                    hook.problem("url is required (the webhook's https:// address)");
                  }
                  return url.map(Secret::new);
                });
    Duration repeatAfter =
        section
            .value("repeatAfter", text -> AlertsConfig.checkRepeatAfter(Durations.parse(text)))
            .orElse(AlertsConfig.DEFAULT_REPEAT_AFTER);
    section.rejectUnknownKeys();
    return new AlertsConfig(enabled, webhook, emailTo, repeatAfter);
  }

  /** Email addresses: a list, or one text with commas between them. */
  private static List<String> addresses(YamlSection section, String key) {
    Optional<Object> value = section.plain(key);
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> texts =
        value.get() instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of(String.valueOf(value.get()).split(","));
    try {
      return EmailAddresses.checkAll(texts);
    } catch (IllegalArgumentException e) {
      section.problem(key, e.getMessage());
      return List.of();
    }
  }
}
