package dev.scheduler.daemon.node;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGTERM or SIGINT instead of letting the JVM start shutting down.
 *
 * <p>A plain shutdown hook would run beside every other hook: the embedded store's own hook closes
 * the database while the node is still draining and writing history, and the JVM then exits with
 * 143 rather than 0. Handling the signal lets the node drain first and exit normally. {@code
 * sun.misc.Signal} is kept available for exactly this (JEP 260); it is reached by reflection so the
 * build needs no internal API.
 */
public final class TerminationSignals {

  private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);

  private TerminationSignals() {}

  /** Calls {@code action} on the first SIGTERM or SIGINT; later signals are logged only. */
  public static void onTerminate(Runnable action) {
    Runnable once = new Once(action);
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              TerminationSignals.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  once.run();
                  return null;
                }
                return method.invoke(once, args);
              });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : List.of("TERM", "INT")) {
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "cannot handle SIGTERM directly ({}); draining from a shutdown hook instead",
          e.toString());
      Runtime.getRuntime().addShutdownHook(new Thread(once, "scheduler-shutdown"));
    }
  }

  private static final class Once implements Runnable {
    private final Runnable action;
    private boolean done;

    Once(Runnable action) {
      this.action = action;
    }

    @Override
    public synchronized void run() {
      if (done) {
        log.info("already stopping");
        return;
      }
      done = true;
      action.run();
    }
  }
}
