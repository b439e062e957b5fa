package dev.scheduler.catalog.notify;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server that sends the scheduler's email (reports, alerts).
 *
 * @param host the server's host name
 * @param port its port: 587 for STARTTLS, 465 for SSL, 25 for plain
 * @param security how the connection is protected
 * @param user the login; empty for a server that takes mail without one
 * @param password its password; never printed ({@link #toString()} masks it)
 * @param from the sender address of every message
 * @param timeout how long connecting, and each read and write, may take
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    Optional<String> user,
    Optional<String> password,
    String from,
    Duration timeout) {

  public static final int DEFAULT_PORT = 587;
  public static final Security DEFAULT_SECURITY = Security.STARTTLS;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    checkPort(port);
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    EmailAddresses.check(from);
    checkTimeout(timeout);
  }

  /** How the connection to the server is protected. */
  public enum Security {
    /** Plain connection upgraded with STARTTLS, which the server must offer (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    SSL,
    /** No encryption: only for a relay on the same host or network (port 25). */
    NONE;

    public static Security parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "starttls" -> STARTTLS;
        case "ssl", "tls" -> SSL;
        case "none" -> NONE;
        default ->
            throw new IllegalArgumentException(
                "'"
                    + text
                    + "' is not starttls, ssl or none (how the SMTP connection is protected)");
      };
    }

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static int checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          port + " is not a TCP port (1 to 65535); SMTP uses 587, 465 or 25");
    }
    return port;
  }

  public static Duration checkTimeout(Duration timeout) {
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("must be between 1s and 5m, such as 30s");
    }
    return timeout;
  }

  /** Where mail goes, for messages: host and port, no login. */
  public String describe() {
    return "smtp://" + host + ":" + port + " (" + security.word() + ")";
  }

  @Override
  public String toString() {
    return "SmtpSettings["
        + describe()
        + ", user="
        + user.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "******" : "(none)")
        + ", from="
        + from
        + "]";
  }
}
