package org.ihospital.pharmacy.partner;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.ihospital.commons.signing.Sealer;

/**
 * A partner pharmacy (合作药房): the regions it delivers to, where its webhooks go, the Keycloak client
 * that speaks for it, and its webhook signing secrets. Rotation keeps the old secret valid for a grace
 * period, during which every webhook carries both signatures.
 */
@Entity
@Table(name = "partner")
public class Partner {

    /** What an operator registers. */
    public record Registration(String name, String licenceNumber, Set<String> regions, URI webhookUrl, String clientId) {
    }

    @Id
    private UUID id;
    private String name;
    @Column(name = "licence_number")
    private String licenceNumber;
    @Column(name = "webhook_url")
    private String webhookUrl;
    @Column(name = "client_id")
    private String clientId;
    @Column(name = "registered_at")
    private Instant registeredAt;
    @Column(name = "registered_by")
    private String registeredBy;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "partner_region", joinColumns = @JoinColumn(name = "partner_id"))
    @Column(name = "region")
    private Set<String> regions = new TreeSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "partner_secret", joinColumns = @JoinColumn(name = "partner_id"))
    private List<WebhookSecret> secrets = new ArrayList<>();

    protected Partner() {
    }

    /**
     * Registers a partner with its first webhook secret.
     *
     * @param secret the secret in plain text, which the operator is shown once
     */
    static Partner register(Registration r, String secret, Sealer sealer, String operator, Instant now) {
        Partner p = new Partner();
        p.id = UUID.randomUUID();
        p.name = r.name().strip();
        p.licenceNumber = r.licenceNumber().strip();
        p.webhookUrl = r.webhookUrl().toString();
        p.clientId = r.clientId().strip();
        p.regions.addAll(r.regions());
        p.registeredAt = now;
        p.registeredBy = operator;
        p.secrets.add(WebhookSecret.sealed(secret, sealer, now));
        return p;
    }

    /**
     * A new secret becomes current; the secrets valid now stay valid for {@code grace} more (or less, if
     * they were retiring sooner), so that the partner can switch without losing a webhook. Secrets past
     * their time are dropped.
     *
     * @return when the previous secrets stop being used
     */
    Instant rotate(String secret, Sealer sealer, Duration grace, Instant now) {
        Instant until = now.plus(grace);
        List<WebhookSecret> kept = new ArrayList<>();
        for (WebhookSecret s : secrets) {
            if (s.validAt(now)) {
                kept.add(s.retiresAt() == null || s.retiresAt().isAfter(until) ? s.retiringAt(until) : s);
            }
        }
        kept.add(WebhookSecret.sealed(secret, sealer, now));
        secrets.clear();
        secrets.addAll(kept);
        return until;
    }

    /** The secrets to sign with now, the current one first. */
    List<String> signingSecrets(Sealer sealer, Instant now) {
        return secrets.stream().filter(s -> s.validAt(now))
                .sorted(Comparator.comparing(WebhookSecret::createdAt).reversed())
                .map(s -> s.unseal(sealer)).toList();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String licenceNumber() {
        return licenceNumber;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String clientId() {
        return clientId;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Set<String> regions() {
        return Set.copyOf(regions);
    }

    /** When the secrets that are no longer current stop being used (null when only one is valid). */
    Instant previousSecretsRetireAt(Instant now) {
        return secrets.stream().filter(s -> s.validAt(now) && s.retiresAt() != null).map(WebhookSecret::retiresAt)
                .max(Comparator.naturalOrder()).orElse(null);
    }
}
