package org.ihospital.pharmacy.infrastructure;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of pharmacy-service ({@code hospital.pharmacy.*}), with its default, in one place; a misspelt key fails the start. */
@ConfigMapping(prefix = "hospital.pharmacy")
public interface PharmacyConfig {

    Signing signing();

    Partners partners();

    Webhooks webhooks();

    Orders orders();

    Payments payments();

    interface Payments {
        /** The secret the sandbox provider signs its callbacks with (a real provider's comes from its console). */
        String sandboxSecret();

        /** How long the sandbox waits before it confirms a payment (as a patient would take to pay). */
        @WithDefault("PT0.5S")
        Duration sandboxConfirmDelay();
    }

    interface Orders {
        /** How long a partner has to accept an order it was sent; then it goes to the next partner. */
        @WithDefault("PT30M")
        Duration acceptTimeout();

        /** How often orders past that time are looked for (a scheduler interval). */
        @WithDefault("30s")
        String acceptSweep();
    }

    interface Partners {
        /**
         * Base64 of 32 random bytes: the AES-256 key partners' webhook secrets are sealed with in the
         * database (it never enters the database itself).
         */
        String secretEncryptionKey();

        /** How long a partner's previous webhook secret keeps signing after a rotation (both signatures meanwhile). */
        @WithDefault("PT24H")
        Duration secretRotationGrace();

        /** Hosts a webhook URL may name with plain http (a partner on this machine); every other URL must be https. */
        @WithDefault("127.0.0.1,localhost,[::1]")
        List<String> plainHttpHosts();
    }

    interface Webhooks {
        /**
         * The waits before each retry of a delivery that failed (the first attempt is immediate); after the
         * last retry fails, the delivery is FAILED and waits for an operator's replay.
         */
        @WithDefault("PT5S,PT30S,PT2M,PT10M,PT30M,PT1H,PT2H,PT4H,PT8H")
        List<Duration> retrySchedule();

        /** Each wait is varied by up to this fraction either way, so that retries of many deliveries spread out. */
        @WithDefault("0.2")
        double jitter();

        /** How long one attempt may take (connect, send, answer) before it counts as failed. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How often the dispatcher looks for due deliveries (a scheduler interval). */
        @WithDefault("1s")
        String pollInterval();

        /** Deliveries to one partner in flight at once, per replica: a slow partner holds these, never another's. */
        @WithDefault("4")
        int inFlightPerPartner();

        /** Deliveries one dispatcher pass claims at most. */
        @WithDefault("50")
        int batchSize();
    }

    interface Signing {
        /**
         * The hospital keys that attest doctors' signing keys, {@code kid:base64-of-X.509} (the hospital's
         * published JWKS): a prescription whose key none of them attests never reaches a pharmacist.
         */
        List<String> trustedKeys();
    }
}
