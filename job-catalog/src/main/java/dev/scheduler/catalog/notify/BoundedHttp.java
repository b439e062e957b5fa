package dev.scheduler.catalog.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange that a job thread can wait for safely: it ends within the timeout (plus a
 * second for the client's own request timeout to fire first), and an interrupt (a job's timeout, a
 * shutdown) abandons it at once instead of waiting for the server.
 */
public final class BoundedHttp {

  private BoundedHttp() {}

  /**
   * @throws TimeoutException when no answer came in time; the exchange is abandoned
   * @throws IOException when the exchange failed (refused, reset, the client's own timeout)
   * @throws InterruptedException when the calling thread is interrupted; the exchange is abandoned
   */
  public static <T> HttpResponse<T> send(
      HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    CompletableFuture<HttpResponse<T>> pending = client.sendAsync(request, body);
    try {
      return pending.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException | TimeoutException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }
}
