package org.ihospital.commons.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code webhook-signature} is a space-separated list of {@code v1,<base64>}
 * entries, each the HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>} under one secret
 * ({@code whsec_<base64>}). During a secret's rotation a message carries one signature per valid secret;
 * a receiver accepts it when any one verifies and the timestamp is recent.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a timestamp may be from the receiver's clock, either way (the scheme's usual five minutes). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether a message verified, and why not. */
    public record Result(boolean valid, String reason) {
        static final Result VALID = new Result(true, null);
    }

    private WebhookSignature() {
    }

    /** A fresh secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return PREFIX + Base64.getEncoder().encodeToString(raw);
    }

    /** The header value: one {@code v1,…} entry per secret, in the order given. */
    public static String sign(List<String> secrets, String id, long timestamp, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no secret to sign with");
        }
        return secrets.stream().map(s -> "v1," + Base64.getEncoder().encodeToString(mac(s, id, timestamp, body)))
                .collect(Collectors.joining(" "));
    }

    /**
     * Checks a received message against the receiver's secrets.
     *
     * @param timestamp the {@code webhook-timestamp} header (seconds since the epoch)
     * @param signature the {@code webhook-signature} header
     */
    public static Result verify(List<String> secrets, String id, String timestamp, String signature, String body, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || signature == null || body == null) {
            return new Result(false, "missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return new Result(false, "webhook-timestamp is not a number of seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return new Result(false, "webhook-timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        for (String secret : secrets) {
            byte[] expected = mac(secret, id, seconds, body);
            for (String entry : signature.strip().split(" +")) {
                int comma = entry.indexOf(',');
                if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(entry.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return Result.VALID;
                }
            }
        }
        return new Result(false, "no signature matches");
    }

    private static byte[] mac(String secret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
