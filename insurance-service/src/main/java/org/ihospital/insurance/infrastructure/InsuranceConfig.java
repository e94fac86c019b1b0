package org.ihospital.insurance.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of insurance-service ({@code hospital.insurance.*}), with its default, in one place. */
@ConfigMapping(prefix = "hospital.insurance")
public interface InsuranceConfig {

    CostControl costControl();

    interface CostControl {
        /**
         * The flags that hold a claim until an auditor resolves them (QUANTITY_OVER_LIMIT, DUPLICATE_THERAPY,
         * REFILL_TOO_FREQUENT); the others are notices.
         */
        @WithDefault("QUANTITY_OVER_LIMIT,DUPLICATE_THERAPY")
        Set<String> hold();

        /** The same drug claimed again sooner than this is flagged (REFILL_TOO_FREQUENT). */
        @WithDefault("P20D")
        Duration refillInterval();
    }

    Payers payers();

    /** The payers claims are exchanged with (the basic insurance, and a supplementary plan where there is one). */
    interface Payers {

        /** The basic medical insurance (基本医保): every covered claim goes to it first. */
        Endpoint basic();

        /** A commercial supplementary plan (商业补充保险): the claims of policies with a plan. */
        Optional<Endpoint> supplementary();

        /** How long an answer may take; then the payer is asked before the submission is sent again. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * The waits before the retries of a settlement or cancellation that got no answer; after the last, it
         * has failed for good (a notice for auditors: the medicine is delivered, the money can wait).
         */
        @WithDefault("2s,10s,1m,5m,30m,2h,6h")
        List<Duration> retrySchedule();

        /**
         * The same for a pre-settlement, shorter: the patient waits for it (nothing is dispensed before), so
         * after the last retry (about 20 minutes) the claim is held for an auditor instead of waiting hours.
         */
        @WithDefault("2s,10s,1m,5m,15m")
        List<Duration> preSettlementRetrySchedule();

        /** Each wait varies by up to this share of it, so that retries after an outage do not arrive at once. */
        @WithDefault("0.2")
        double jitter();

        /** How often the queue is looked at (besides right after each answer). */
        @WithDefault("1s")
        Duration pollInterval();

        /** At most this many submissions in flight per pass. */
        @WithDefault("16")
        int batchSize();
    }

    interface Endpoint {

        /** The payer's API, e.g. {@code https://payer.example/api/v1} (the phases' collections are below it). */
        String url();

        /** The Standard Webhooks secret ({@code whsec_…}) requests to this payer are signed with. Kubernetes: a Secret. */
        String secret();
    }
}
