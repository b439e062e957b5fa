package dev.scheduler.daemon.cluster;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The advisory lock a node holds while it lives: PostgreSQL's two-key form, {@code (NAMESPACE,
 * key)}, where the key is a hash of the node id. Two ids hashing alike cannot both run: the second
 * finds the lock taken and refuses to start, saying so.
 */
public final class LockKeys {

  /** The first key of every node lock: "SCHD". */
  public static final int NAMESPACE = 0x53434844;

  private LockKeys() {}

  /** The second key for a node id, as the signed int {@code pg_advisory_lock} takes. */
  public static int forNode(String nodeId) {
    CRC32 crc = new CRC32();
    crc.update(nodeId.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  /** The same key as {@code pg_locks.objid} shows it: an unsigned 32-bit number. */
  public static long asObjectId(int key) {
    return key & 0xffffffffL;
  }
}
