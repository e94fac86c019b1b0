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

    /** The payer did not answer, or not with an answer. */
    static final class NoAnswer extends RuntimeException {
        NoAnswer(String message) {
            super(message, null, false, false);
        }
    }

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
                throw new NoAnswer("HTTP " + r.status());
            }
            return r.answer(json);
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
                throw new NoAnswer("HTTP " + r.status() + " to the question what it answered");
            }
            return Optional.of(r.answer(json));
        });
    }

    private record Response(int status, String body) {
        Answer answer(ObjectMapper json) {
            try {
                return json.readValue(body, Answer.class);
            } catch (JsonProcessingException e) {
                throw new NoAnswer("an answer that is not one: " + e.getOriginalMessage());
            }
        }
    }

    private Uni<Response> exchange(HttpMethod method, String uri, String id, String body) {
        long timestamp = clock.instant().getEpochSecond();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        return http.request(new RequestOptions().setAbsoluteURI(uri).setMethod(method)
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
