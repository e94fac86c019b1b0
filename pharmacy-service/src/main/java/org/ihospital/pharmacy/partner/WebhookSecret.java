package org.ihospital.pharmacy.partner;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.ihospital.commons.signing.Sealer;

/** One webhook signing secret of a partner, sealed; a retiring one is still used until {@code retiresAt}. */
@Embeddable
public record WebhookSecret(@Column(name = "secret_id") UUID secretId, byte[] iv, byte[] ciphertext, @Column(name = "created_at") Instant createdAt,
        @Column(name = "retires_at") Instant retiresAt) {

    static WebhookSecret sealed(String secret, Sealer sealer, Instant now) {
        UUID id = UUID.randomUUID();
        Sealer.Sealed sealed = sealer.seal(id, secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return new WebhookSecret(id, sealed.iv(), sealed.ciphertext(), now, null);
    }

    boolean validAt(Instant now) {
        return retiresAt == null || now.isBefore(retiresAt);
    }

    WebhookSecret retiringAt(Instant at) {
        return new WebhookSecret(secretId, iv, ciphertext, createdAt, at);
    }

    String unseal(Sealer sealer) {
        return new String(sealer.unseal(secretId, new Sealer.Sealed(iv, ciphertext)), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
