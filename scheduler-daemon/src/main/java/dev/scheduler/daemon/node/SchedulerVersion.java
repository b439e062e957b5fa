package dev.scheduler.daemon.node;

/** The version of this build, from the jar's manifest. */
public final class SchedulerVersion {

  private SchedulerVersion() {}

  public static String current() {
    String version = SchedulerVersion.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
