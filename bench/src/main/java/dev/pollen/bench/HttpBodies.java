package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.Futures;
import dev.pollen.JoinHandle;
import dev.pollen.sync.Semaphore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Benchmark 9's tasks, compiled by the Pollen processor: the HTTP example's client. */
final class HttpBodies {

    private HttpBodies() {}

    /**
     * Sends {@code requests} requests, one task each, at most {@code inFlight} at a time;
     * returns the bytes received.
     */
    @Async
    static long fetchAll(HttpClient client, HttpRequest request, int inFlight, int requests) {
        Semaphore limit = new Semaphore(inFlight);
        List<JoinHandle<Integer>> tasks = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            tasks.add(Executor.spawn(HttpBodiesAsync.fetch(client, request, limit)));
        }
        long bytes = 0;
        for (JoinHandle<Integer> task : tasks) {
            bytes += await(task);
        }
        return bytes;
    }

    /** One request under a permit: the thread that sent it is free until the response comes. */
    @Async
    static int fetch(HttpClient client, HttpRequest request, Semaphore limit) {
        try (Semaphore.Permit permit = await(limit.acquire())) {
            HttpResponse<byte[]> response =
                    await(Futures.fromStage(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())));
            return LocalHttp.checkedLength(response);
        }
    }
}
