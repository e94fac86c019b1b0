package org.ihospital.insurance.infrastructure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.ihospital.commons.webhook.WebhookSignature;
import org.ihospital.insurance.payer.Answer;
import org.ihospital.insurance.payer.NoAnswer;
import org.ihospital.insurance.payer.Payer;
import org.ihospital.insurance.payer.Phase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

/**
 * A payer's HTTP API (the adapter every payer of the claims exchange speaks here, the reference payer
 * under deploy/local included): {@code POST {url}/{phase}} with the submission, {@code GET
 * {url}/{phase}/{key}} for what it answered; each request signed the Standard Webhooks way with the
 * payer's secret, the idempotency key as the message id.
 */
final class HttpPayer implements Payer {

    /** The statuses after which asking again may help; any other 4xx means the payer rejects the request itself. */
    private static final java.util.Set<Integer> RETRYABLE_CLIENT_ERRORS = java.util.Set.of(408, 429);
    private static final java.util.Set<String> OUTCOMES = java.util.Set.of(Answer.ACCEPTED, Answer.SETTLED, Answer.CANCELLED, Answer.REFUSED);

    private final HttpClient http;
    private final String url;
    private final String secret;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;

    HttpPayer(HttpClient http, String url, String secret, Duration timeout, ObjectMapper json, Clock clock) {
        this.http = http;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.secret = secret;
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Answer> submit(Phase phase, String key, String body) {
        return exchange(HttpMethod.POST, url + "/" + phase.path(), key, body).map(r -> {
            if (r.status() != 200) {
                throw r.failed("");
            }
            return r.answer(json, key);
        });
    }

    @Override
    public Uni<Optional<Answer>> find(Phase phase, String key) {
        String path = url + "/" + phase.path() + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
        return exchange(HttpMethod.GET, path, "get_" + UUID.randomUUID().toString().replace("-", ""), "").map(r -> {
            if (r.status() == 404) {
                return Optional.empty();
            }
            if (r.status() != 200) {
                throw r.failed(" to the question what it answered");
            }
            return Optional.of(r.answer(json, key));
        });
    }

    private record Response(int status, String body) {

        /** The answer to {@code key}, or NoAnswer (retryable: the payer may answer properly next time). */
        Answer answer(ObjectMapper json, String key) {
            Answer answer;
            try {
                answer = json.readValue(body, Answer.class);
            } catch (JsonProcessingException e) {
                throw new NoAnswer("an answer that is not one: " + e.getOriginalMessage(), true);
            }
            if (answer == null || !OUTCOMES.contains(answer.outcome()) || !key.equals(answer.key()) || answer.pays() < 0) {
                throw new NoAnswer("an answer that is not one to " + key + ": " + abbreviated(body), true);
            }
            return answer;
        }

        NoAnswer failed(String context) {
            boolean retryable = status >= 500 || status < 400 || RETRYABLE_CLIENT_ERRORS.contains(status);
            return new NoAnswer("HTTP " + status + context + (body.isBlank() ? "" : ": " + abbreviated(body)), retryable);
        }

        private static String abbreviated(String text) {
            String flat = text.replaceAll("\\s+", " ").strip();
            return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
        }
    }

    private Uni<Response> exchange(HttpMethod method, String uri, String id, String body) {
        long timestamp = clock.instant().getEpochSecond();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        // the request's own time-outs release the connection whatever happens to the Uni; ifNoItem is the backstop
        return http.request(new RequestOptions().setAbsoluteURI(uri).setMethod(method)
                .setConnectTimeout(Math.max(1, timeout.toMillis() / 2)).setIdleTimeout(timeout.toMillis())
                .putHeader(WebhookSignature.ID, id)
                .putHeader(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE, WebhookSignature.sign(List.of(secret), id, timestamp, body))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", "ihospital-claims/1"))
                .invoke(sent::set)
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(b -> new Response(response.statusCode(), b.toString(StandardCharsets.UTF_8))))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .onFailure().invoke(failure -> {
                    HttpClientRequest request = sent.get();
                    if (request != null) {
                        request.reset();
                    }
                });
    }
}
