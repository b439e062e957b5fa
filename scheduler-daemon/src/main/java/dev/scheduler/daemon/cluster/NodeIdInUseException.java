package dev.scheduler.daemon.cluster;

/** Another live process holds this node id. */
public final class NodeIdInUseException extends RuntimeException {

  public NodeIdInUseException(String message) {
    super(message);
  }
}
