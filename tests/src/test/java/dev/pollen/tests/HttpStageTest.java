package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Futures;
import dev.pollen.time.Time;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real HTTP request ({@code HttpClient.sendAsync}, a {@code CompletableFuture}) awaited from
 * {@code @Async} code with {@code Futures.fromStage}, against a local server on 127.0.0.1; and an
 * {@code @Async} method handed to plain Java as a {@code CompletableFuture}.
 */
@Timeout(30)
class HttpStageTest {

    private HttpServer server;
    private ExecutorService serverThreads;
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = ("hello " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                releaseSlow.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Async
    static String fetch(HttpClient client, URI uri) {
        HttpResponse<String> response = await(Futures.fromStage(
                client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())));
        return response.statusCode() + " " + response.body();
    }

    @Async
    static String fetchWithin(HttpClient client, URI uri, Duration limit) {
        try {
            return await(Time.timeout(HttpStageTestAsync.fetch(client, uri), limit));
        } catch (TimeoutException e) {
            return "gave up: " + e.getMessage();
        }
    }

    @Test
    void awaitsRealRequestsWithoutBlockingAThread() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            List<String> bodies = rt.blockOn(Futures.joinAll(List.of(
                    HttpStageTestAsync.fetch(client, uri("/hello?a")),
                    HttpStageTestAsync.fetch(client, uri("/hello?b")),
                    HttpStageTestAsync.fetch(client, uri("/hello?c")))));
            assertEquals(List.of("200 hello a", "200 hello b", "200 hello c"), bodies);
        }
    }

    @Test
    void aSlowRequestTimesOutAndItsCompletableFutureIsCancelled() {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().build()) {
            assertEquals("gave up: timed out after 0.2 s",
                    rt.blockOn(HttpStageTestAsync.fetchWithin(client, uri("/slow"), Duration.ofMillis(200))));
            assertEquals("200 hello d",
                    rt.blockOn(HttpStageTestAsync.fetchWithin(client, uri("/hello?d"), Duration.ofSeconds(10))));
        }
    }

    @Test
    void anAsyncMethodHandedToPlainJavaAsACompletableFuture() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
            CompletableFuture<String> page = rt.spawn(HttpStageTestAsync.fetch(client, uri("/hello?e")))
                    .toCompletableFuture();
            assertEquals("200 HELLO E", page.thenApply(s -> s.toUpperCase(java.util.Locale.ROOT)).get(10, TimeUnit.SECONDS));
            CompletableFuture<String> slow = rt.spawn(HttpStageTestAsync.fetch(client, uri("/slow")))
                    .toCompletableFuture();
            assertTrue(slow.cancel(false));
            assertTrue(slow.isCancelled());
        }
    }
}
