package dev.scheduler.daemon.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The node's HTTP endpoints for metrics and health checks.
 *
 * @param enabled whether the node serves them at all
 * @param address the address to listen on: an IP address of this host or a host name; {@code
 *     0.0.0.0} listens on every interface
 * @param port the TCP port; 0 takes any free port, which the node then logs
 */
public record HttpConfig(boolean enabled, String address, int port) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final String DEFAULT_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 9410;
  static final int MAX_PORT = 65_535;

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern WITH_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:\\[\\]]+):\\d+");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  public HttpConfig {
    Objects.requireNonNull(address, "address");
    checkAddress(address);
    checkPort(port);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_ENABLED, DEFAULT_ADDRESS, DEFAULT_PORT);
  }

  public HttpConfig withPort(int newPort) {
    return new HttpConfig(enabled, address, newPort);
  }

  static int checkPort(int port) {
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException(
          port + " is out of range; use a port from 1 to " + MAX_PORT + ", or 0 for any free port");
    }
    return port;
  }

  static String checkAddress(String address) {
    if (WITH_PORT.matcher(address).matches()) {
      throw new IllegalArgumentException(
          "'" + address + "' has a port in it; write the address alone and the port as http.port");
    }
    if (!isIpv4(address) && !isIpv6(address) && !isHostName(address)) {
      throw new IllegalArgumentException(
          "'"
              + address
              + "' is not an address to listen on; use an IP address of this host such as"
              + " 127.0.0.1 (this host only) or 0.0.0.0 (every interface), or a host name");
    }
    return address;
  }

  private static boolean isIpv4(String address) {
    var parts = IPV4.matcher(address);
    if (!parts.matches()) {
      return false;
    }
    for (int group = 1; group <= 4; group++) {
      if (Integer.parseInt(parts.group(group)) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String address) {
    return IPV6.matcher(address).matches()
        && address.chars().filter(c -> c == ':').count() >= 2
        && !address.contains(":::");
  }

  private static boolean isHostName(String address) {
    return HOST_NAME.matcher(address).matches() && !address.matches("[0-9.]+");
  }
}
