package dev.pollen.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 9's server and client, one per trial: a {@code com.sun.net.httpserver.HttpServer}
 * on 127.0.0.1 (an ephemeral port) answering every GET with the same {@value #BODY_LENGTH}-byte
 * body, run by a fixed pool of {@value #SERVER_THREADS} threads whichever variant is measured,
 * and one {@link HttpClient} (HTTP/1.1, its default executor) that keeps its connections
 * between invocations. The server counts the requests it handles at once (two atomic updates
 * per request, nothing next to a request's 200 µs), so a test can check a client's bound.
 */
@State(Scope.Benchmark)
public class LocalHttp {

    static final int BODY_LENGTH = 64;
    static final int SERVER_THREADS = 4;
    private static final byte[] BODY = "x".repeat(BODY_LENGTH).getBytes(StandardCharsets.US_ASCII);

    /** Requests being handled now, and the most at any time. */
    final AtomicInteger handling = new AtomicInteger();
    final AtomicInteger mostHandled = new AtomicInteger();

    HttpServer server;
    ExecutorService serverThreads;
    HttpClient client;
    HttpRequest request;

    @Setup
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            mostHandled.accumulateAndGet(handling.incrementAndGet(), Math::max);
            try (OutputStream body = exchange.getResponseBody()) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, BODY.length);
                body.write(BODY);
            } finally {
                handling.decrementAndGet();
            }
        });
        serverThreads = Executors.newFixedThreadPool(SERVER_THREADS);
        server.setExecutor(serverThreads);
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
    }

    @TearDown
    public void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** The length of a response's body, after checking its status and length. */
    static int checkedLength(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200 || response.body().length != BODY_LENGTH) {
            throw new UncheckedIOException(new IOException("unexpected response " + response + ": "
                    + response.body().length + " bytes"));
        }
        return response.body().length;
    }
}
