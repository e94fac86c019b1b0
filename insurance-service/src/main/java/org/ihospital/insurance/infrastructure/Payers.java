package org.ihospital.insurance.infrastructure;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Payer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/** The payers configured (an HTTP adapter each), by liability: the basic insurance always, a supplementary plan where one is. */
@ApplicationScoped
public class Payers {

    private final Map<Liability, Payer> payers = new EnumMap<>(Liability.class);
    private final HttpClient http;

    public Payers(InsuranceConfig config, Vertx vertx, ObjectMapper json, Clock clock) {
        var settings = config.payers();
        int timeout = (int) settings.timeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setKeepAlive(true)
                .setMaxPoolSize(settings.batchSize()).setMaxRedirects(0));
        payers.put(Liability.BASIC, new HttpPayer(http, settings.basic().url(), settings.basic().secret(), settings.timeout(), json, clock));
        settings.supplementary().ifPresent(s -> payers.put(Liability.SUPPLEMENTARY,
                new HttpPayer(http, s.url(), s.secret(), settings.timeout(), json, clock)));
    }

    @PreDestroy
    void close() {
        http.closeAndAwait();
    }

    public boolean has(Liability liability) {
        return payers.containsKey(liability);
    }

    public Payer of(Liability liability) {
        Payer payer = payers.get(liability);
        if (payer == null) {
            throw new IllegalStateException("no " + liability + " payer is configured (hospital.insurance.payers)");
        }
        return payer;
    }
}
