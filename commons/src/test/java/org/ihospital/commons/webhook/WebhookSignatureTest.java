package org.ihospital.commons.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ihospital.commons.testing.StandardWebhooksReference;
import org.junit.jupiter.api.Test;

/** Standard Webhooks signatures, checked against the scheme's published example and its reference library. */
class WebhookSignatureTest {

    private static final String BODY = "{\"type\":\"order.created\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"data\":{\"orderId\":\"42\"}}";

    @Test
    void matchesTheSchemesPublishedExample() {
        // the example of the Standard Webhooks specification and its libraries' tests
        assertThat(WebhookSignature.sign(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSignedMessageVerifiesAndATamperedOneDoesNot() {
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now();
        String ts = Long.toString(now.getEpochSecond());
        String sig = WebhookSignature.sign(List.of(secret), "msg_1", now.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(List.of(secret), "msg_1", ts, sig, BODY, now).valid()).isTrue();
        assertThat(WebhookSignature.verify(List.of(secret), "msg_1", ts, sig, BODY.replace("42", "43"), now).valid()).isFalse();
        assertThat(WebhookSignature.verify(List.of(secret), "msg_2", ts, sig, BODY, now).valid()).isFalse();
        assertThat(WebhookSignature.verify(List.of(WebhookSignature.newSecret()), "msg_1", ts, sig, BODY, now).reason())
                .isEqualTo("no signature matches");
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedEvenWithAGoodSignature() {
        String secret = WebhookSignature.newSecret();
        Instant then = Instant.now().minus(Duration.ofMinutes(6));
        String sig = WebhookSignature.sign(List.of(secret), "msg_1", then.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(List.of(secret), "msg_1", Long.toString(then.getEpochSecond()), sig, BODY, Instant.now()).reason())
                .contains("more than 5 minutes");
        Instant ahead = Instant.now().plus(Duration.ofMinutes(6));
        String early = WebhookSignature.sign(List.of(secret), "msg_1", ahead.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(List.of(secret), "msg_1", Long.toString(ahead.getEpochSecond()), early, BODY, Instant.now()).valid())
                .isFalse();
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        String old = WebhookSignature.newSecret();
        String current = WebhookSignature.newSecret();
        long ts = Instant.now().getEpochSecond();
        String both = WebhookSignature.sign(List.of(current, old), "msg_1", ts, BODY);
        assertThat(both.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(WebhookSignature.verify(List.of(old), "msg_1", Long.toString(ts), both, BODY, Instant.now()).valid()).isTrue();
        assertThat(WebhookSignature.verify(List.of(current), "msg_1", Long.toString(ts), both, BODY, Instant.now()).valid()).isTrue();
    }

    @Test
    void malformedHeadersAreRefusedNotThrown() {
        String secret = WebhookSignature.newSecret();
        long ts = Instant.now().getEpochSecond();
        for (String signature : List.of("", "v1", "v1,", "v2,abc", "v1,not*base64", "garbage garbage")) {
            assertThat(WebhookSignature.verify(List.of(secret), "msg_1", Long.toString(ts), signature, BODY, Instant.now()).valid()).isFalse();
        }
        assertThat(WebhookSignature.verify(List.of(secret), "msg_1", "yesterday", "v1,abc", BODY, Instant.now()).valid()).isFalse();
        assertThat(WebhookSignature.verify(List.of(secret), null, null, null, BODY, Instant.now()).valid()).isFalse();
    }

    @Test
    void theReferenceLibraryAcceptsOurSignaturesAndWeAcceptItsOwn() {
        StandardWebhooksReference.assumeAvailable();
        String old = WebhookSignature.newSecret();
        String current = WebhookSignature.newSecret();
        long ts = Instant.now().getEpochSecond();
        String body = "{\"data\":{\"address\":\"上海市徐汇区\",\"items\":[1,2]}}";
        String ours = WebhookSignature.sign(List.of(current, old), "msg_abc", ts, body);
        assertThat(StandardWebhooksReference.verifies(current, "msg_abc", Long.toString(ts), ours, body)).isTrue();
        assertThat(StandardWebhooksReference.verifies(old, "msg_abc", Long.toString(ts), ours, body)).isTrue();
        assertThat(StandardWebhooksReference.verifies(current, "msg_abc", Long.toString(ts), ours, body + " ")).isFalse();

        String theirs = StandardWebhooksReference.sign(current, "msg_abc", ts, body);
        assertThat(theirs).isEqualTo(WebhookSignature.sign(List.of(current), "msg_abc", ts, body));
        assertThat(WebhookSignature.verify(List.of(current), "msg_abc", Long.toString(ts), theirs, body, Instant.now()).valid()).isTrue();
    }
}
