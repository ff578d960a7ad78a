package dev.mnemo.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mnemo.testkit.HashingEmbeddingModel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for an OpenAI-compatible {@code POST /v1/embeddings} service, answering with
 * {@link HashingEmbeddingModel} vectors. A fault can be scheduled: after {@code okFirst} good
 * answers, every request gets the fault until the server is healed.
 */
final class FakeEmbeddingServer implements AutoCloseable {
    /** What a faulty answer looks like. */
    enum Fault {
        HTTP_500, HTTP_503_RETRY_AFTER, HTTP_429, HTTP_401, HTTP_400, MALFORMED_JSON, WRONG_COUNT, WRONG_DIMENSION,
        INFINITE_COMPONENT, ZERO_VECTOR, DUPLICATE_INDEX, CONNECTION_DROPPED, TOO_SLOW
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HashingEmbeddingModel model;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Fault fault;
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile int faultFrom;
    private volatile boolean echoCredentials;

    FakeEmbeddingServer(int dimension) throws IOException {
        this.model = new HashingEmbeddingModel(dimension);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/embeddings", this::handle);
        server.setExecutor(executor); // a slow answer must not hold up the next request
        server.start();
    }

    /** The {@code base-url} option value. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers the next {@code okFirst} requests well, then every later one with the fault until {@link #heal()}. */
    void schedule(Fault value, int okFirst) {
        this.faultFrom = requests.get() + okFirst;
        this.fault = value;
    }

    /** Answers well from now on. */
    void heal() {
        this.fault = null;
    }

    /** How many faulty answers were given. */
    int faultsInjected() {
        return faultsInjected.get();
    }

    /** Makes error answers quote the Authorization header received, as careless services do. */
    void echoCredentials(boolean value) {
        this.echoCredentials = value;
    }

    int requests() {
        return requests.get();
    }

    /** Every Authorization header received. */
    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.getAndIncrement();
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        authorizations.add(authorization);
        String echo = echoCredentials ? " (you sent Authorization: " + authorization + ")" : "";
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> inputs = JSON.convertValue(body.get("input"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        Fault active = fault;
        if (active == null || n < faultFrom) {
            send(exchange, 200, answer(inputs, 0, false, null));
            return;
        }
        faultsInjected.incrementAndGet();
        switch (active) {
            case HTTP_500 -> send(exchange, 500, "{\"message\":\"internal error, try later" + echo + "\"}");
            case HTTP_503_RETRY_AFTER -> {
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 503, "{\"message\":\"overloaded" + echo + "\"}");
            }
            case HTTP_429 -> send(exchange, 429, "{\"message\":\"TPM limit reached" + echo + "\"}");
            case HTTP_401 -> send(exchange, 401, "{\"message\":\"Invalid token" + echo + "\"}");
            case HTTP_400 -> send(exchange, 400, "{\"message\":\"input must have less than 8192 tokens" + echo + "\"}");
            case MALFORMED_JSON -> send(exchange, 200, "{\"data\": [ {\"index\": 0, \"embedding\": [0.1, " + echo);
            case WRONG_COUNT -> send(exchange, 200, answer(inputs.subList(0, inputs.size() - 1), 0, false, null));
            case WRONG_DIMENSION -> send(exchange, 200, answer(inputs, 1, false, null));
            case INFINITE_COMPONENT -> send(exchange, 200, answer(inputs, 0, false, "1e999"));
            case ZERO_VECTOR -> send(exchange, 200, answer(inputs, 0, true, null));
            case DUPLICATE_INDEX -> send(exchange, 200, answer(inputs, 0, false, null).replace("\"index\":1,", "\"index\":0,"));
            case CONNECTION_DROPPED -> exchange.close(); // no status line: the client sees the connection end
            case TOO_SLOW -> {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, answer(inputs, 0, false, null));
            }
            default -> throw new IllegalStateException(active.name());
        }
    }

    /** An embeddings answer; {@code extraDims} adds components, {@code zero} sends zero vectors, {@code poison} replaces the first component of the last vector. */
    private String answer(List<String> inputs, int extraDims, boolean zero, String poison) {
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"model\":\"fake\",\"data\":[");
        List<float[]> vectors = model.embed(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
            float[] v = vectors.get(i);
            for (int d = 0; d < v.length + extraDims; d++) {
                String value = zero ? "0.0" : d < v.length ? Float.toString(v[d]) : "0.01";
                if (poison != null && i == inputs.size() - 1 && d == 0) {
                    value = poison;
                }
                b.append(d == 0 ? "" : ",").append(value);
            }
            b.append("]}");
        }
        return b.append("],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}").toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
