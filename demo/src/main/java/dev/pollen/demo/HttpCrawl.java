package dev.pollen.demo;

import static dev.pollen.Await.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Futures;
import dev.pollen.JoinHandle;
import dev.pollen.TaskScope;
import dev.pollen.sync.Semaphore;
import dev.pollen.time.Time;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded-concurrency HTTP client: a local server (127.0.0.1, a free port) serves 12 pages,
 * some slow or failing; the client fetches all of them with {@code HttpClient.sendAsync} awaited
 * through {@code Futures.fromStage} (no thread blocked), at most 4 requests in flight
 * ({@code Semaphore}), 1 s per request ({@code Time.timeout}, its {@code TimeoutException}
 * caught by name), and up to 3 attempts with a backoff of 100, then 200 ms ({@code Time.sleep})
 * for timeouts and 5xx answers. One task per page, children of a {@code TaskScope}. Run it with
 * {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.HttpCrawl} (about 4 s).
 */
public final class HttpCrawl {
    private HttpCrawl() {}

    static final int PAGES = 12;
    static final int MAX_IN_FLIGHT = 4;
    static final int ATTEMPTS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    public static void main(String[] args) throws IOException, InterruptedException {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).build()) {
            run(runtime, System.out);
        }
    }

    /** Starts the server, crawls it on {@code runtime}, prints to {@code out}, stops the server. */
    public static void run(AsyncRuntime runtime, PrintStream out) throws IOException, InterruptedException {
        ExecutorService handlers = Executors.newFixedThreadPool(8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page/", new Pages()::handle);
        server.setExecutor(handlers);
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page/");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // A cold JVM takes a few hundred ms to load the HTTP stack: not part of the crawl's time.
            client.send(HttpRequest.newBuilder(base.resolve("-1")).build(), HttpResponse.BodyHandlers.discarding());
            long start = System.nanoTime();
            Crawl crawl = new Crawl(client, base);
            List<String> lines = runtime.blockOn(TaskScope.run(scope -> HttpCrawlAsync.crawlAll(scope, crawl)));
            lines.forEach(out::println);
            out.printf(Locale.ROOT, "%d pages: %d ok, %d failed; at most %d requests in flight; %.1f s%n", PAGES,
                    crawl.ok.get(), PAGES - crawl.ok.get(), crawl.maxInFlight.get(),
                    (System.nanoTime() - start) / 1e9);
        } finally {
            server.stop(0);
            handlers.shutdownNow();     // ends the handlers still sleeping for requests that timed out
        }
    }

    /** The client's shared state: what limits it, and what it counts. */
    static final class Crawl {
        final HttpClient client;
        final URI base;
        final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();

        Crawl(HttpClient client, URI base) {
            this.client = client;
            this.base = base;
        }

        HttpRequest request(int page) {
            return HttpRequest.newBuilder(base.resolve(Integer.toString(page))).build();
        }

        void enter() {
            maxInFlight.accumulateAndGet(current.incrementAndGet(), Math::max);
        }

        void exit() {
            current.decrementAndGet();
        }
    }

    /** The scope's body: a child task per page, their lines in page order. */
    @Async
    static List<String> crawlAll(TaskScope scope, Crawl crawl) {
        List<JoinHandle<String>> pages = new ArrayList<>();
        for (int page = 0; page < PAGES; page++) {
            pages.add(scope.spawn(HttpCrawlAsync.fetch(crawl, page)));
        }
        List<String> lines = new ArrayList<>();
        for (JoinHandle<String> page : pages) {
            lines.add(await(page));
        }
        return lines;
    }

    /** One page: up to 3 attempts, each holding one of the 4 permits; a line saying what happened. */
    @Async
    @SuppressWarnings("try")        // the permit is held, not used, in its try block
    static String fetch(Crawl crawl, int page) {
        List<String> attempts = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try (Semaphore.Permit permit = await(crawl.inFlight.acquire())) {
                crawl.enter();
                try {
                    HttpResponse<String> response = await(Time.timeout(Futures.fromStage(
                            crawl.client.sendAsync(crawl.request(page), HttpResponse.BodyHandlers.ofString())),
                            TIMEOUT));
                    int status = response.statusCode();
                    attempts.add(status == 200 ? "ok" : "HTTP " + status);
                    if (status == 200) {
                        crawl.ok.incrementAndGet();
                        return line(page, "ok", attempts);
                    }
                    if (status < 500) {
                        return line(page, "failed, not retried", attempts);
                    }
                } catch (TimeoutException e) {
                    attempts.add("timeout");
                } finally {
                    crawl.exit();
                }
            }
            if (attempt == ATTEMPTS) {
                return line(page, "gave up", attempts);
            }
            await(Time.sleep(Duration.ofMillis(100L << (attempt - 1))));     // backoff: 100, 200 ms
        }
    }

    private static String line(int page, String outcome, List<String> attempts) {
        return String.format(Locale.ROOT, "page %2d: %s (%s)", page, outcome, String.join(", ", attempts));
    }

    /**
     * The server's pages: 50 ms each, except page 3 (503 the first time), page 5 (3 s the first
     * time: it times out once), page 7 (4 s every time: it always times out) and page 9 (404);
     * page -1 is the warm-up. The slow pages are far from the 1 s timeout, and so are the others,
     * so that a busy machine does not change the outcome.
     */
    static final class Pages {
        private final Map<Integer, AtomicInteger> hits = new ConcurrentHashMap<>();

        void handle(HttpExchange exchange) {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                int page = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                int hit = hits.computeIfAbsent(page, p -> new AtomicInteger()).incrementAndGet();
                int status = page == 9 ? 404 : page == 3 && hit == 1 ? 503 : 200;
                Thread.sleep(page == 7 ? 4000 : page == 5 && hit == 1 ? 3000 : 50);
                byte[] body = ("page " + page).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(body);
                }
            } catch (IOException e) {
                // the client gave up on this request (a timeout): nobody to answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();     // the server is stopping
            }
        }
    }
}
