package dev.scheduler.catalog.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/** Checks email addresses where they are configured, long before anything is sent to them. */
public final class EmailAddresses {

  private EmailAddresses() {}

  /**
   * @return the address, trimmed
   * @throws IllegalArgumentException when it is not one address such as ops@example.com
   */
  public static String check(String address) {
    String trimmed = address.trim();
    try {
      InternetAddress parsed = new InternetAddress(trimmed, true);
      parsed.validate();
      if (parsed.getAddress().indexOf('@') < 1) {
        throw new AddressException("no domain");
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "'" + address + "' is not an email address; write one such as ops@example.com");
    }
    return trimmed;
  }

  /**
   * @throws IllegalArgumentException for an empty list or one that is not an address
   */
  public static List<String> checkAll(List<String> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException(
          "no address; list at least one, such as [ops@example.com]");
    }
    return addresses.stream().map(EmailAddresses::check).toList();
  }
}
