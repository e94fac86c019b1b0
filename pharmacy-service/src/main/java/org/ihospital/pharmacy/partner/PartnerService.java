package org.ihospital.pharmacy.partner;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.commons.signing.Sealer;
import org.ihospital.commons.webhook.WebhookSignature;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Registering partner pharmacies, showing them, and rotating their webhook secrets. */
@ApplicationScoped
public class PartnerService {

    /** A partner as shown (never its secrets). */
    public record PartnerView(UUID id, String name, String licenceNumber, Set<String> regions, String webhookUrl, String clientId,
            Instant registeredAt) {
        static PartnerView of(Partner p) {
            return new PartnerView(p.id(), p.name(), p.licenceNumber(), new java.util.TreeSet<>(p.regions()), p.webhookUrl(), p.clientId(),
                    p.registeredAt());
        }
    }

    /** A registration's answer: the partner, and its webhook signing secret, shown this once. */
    public record Registered(PartnerView partner, String webhookSecret) {
    }

    /** A rotation's answer: the new secret, shown this once, and until when the previous one still signs. */
    public record Rotated(UUID partnerId, String webhookSecret, Instant previousSecretValidUntil) {
    }

    public record PartnerPage(List<PartnerView> items, String nextCursor) {
    }

    private final PartnerRepository partners;
    private final Sealer sealer;
    private final PharmacyConfig.Partners config;
    private final Clock clock;

    public PartnerService(PartnerRepository partners, PharmacyConfig config, Clock clock) {
        this.partners = partners;
        this.sealer = new Sealer(config.partners().secretEncryptionKey());
        this.config = config.partners();
        this.clock = clock;
    }

    /**
     * Registers a partner; its licence number and its Keycloak client are each one partner's. Not keyed for
     * idempotent retries on purpose: a replayed answer would have to keep the secret; a lost answer is
     * mended by a rotation.
     */
    @WithTransaction
    public Uni<Registered> register(Caller operator, Partner.Registration registration) {
        requireSecure(registration.webhookUrl());
        return partners.licenceTaken(registration.licenceNumber().strip()).chain(licence -> {
            if (licence) {
                return Uni.createFrom().failure(new PartnerProblems.AlreadyRegistered("licence number"));
            }
            return partners.clientTaken(registration.clientId().strip());
        }).chain(client -> {
            if (client) {
                return Uni.createFrom().failure(new PartnerProblems.AlreadyRegistered("Keycloak client"));
            }
            String secret = WebhookSignature.newSecret();
            Partner partner = Partner.register(registration, secret, sealer, operator.subject(), clock.instant());
            // two registrations at once: the unique constraints decide
            return partners.persistAndFlush(partner).map(p -> new Registered(PartnerView.of(p), secret))
                    .onFailure(e -> Constraints.violated(e, "partner_licence_number_key"))
                    .transform(e -> new PartnerProblems.AlreadyRegistered("licence number"))
                    .onFailure(e -> Constraints.violated(e, "partner_client_id_key"))
                    .transform(e -> new PartnerProblems.AlreadyRegistered("Keycloak client"));
        });
    }

    /** A partner, for operators and for the partner itself; to anyone else it does not exist. */
    @WithTransaction
    public Uni<PartnerView> get(Caller caller, UUID id) {
        return partners.findById(id).map(p -> {
            if (p == null || !caller.isOperator() && !PartnerQueries.speaksFor(caller, p)) {
                throw new ResourceNotFound("pharmacy", id);
            }
            return PartnerView.of(p);
        });
    }

    @WithTransaction
    public Uni<PartnerPage> list(String cursor, int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return partners.inRegistrationOrder(after, limit)
                .map(found -> Cursor.Page.of(found, limit, Partner::registeredAt, Partner::id))
                .map(page -> new PartnerPage(page.map(PartnerView::of), page.next()));
    }

    /** A new webhook secret; the previous one keeps signing for the configured grace period. */
    @WithTransaction
    public Uni<Rotated> rotateSecret(UUID id) {
        return partners.locked(id).map(p -> {
            if (p == null) {
                throw new ResourceNotFound("pharmacy", id);
            }
            String secret = WebhookSignature.newSecret();
            Instant until = p.rotate(secret, sealer, config.secretRotationGrace(), clock.instant());
            return new Rotated(p.id(), secret, until);
        });
    }

    private void requireSecure(URI url) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null
                && config.plainHttpHosts().stream().anyMatch(h -> h.equalsIgnoreCase(url.getHost()));
        if (!url.isAbsolute() || url.getHost() == null || !(https || localHttp) || url.getUserInfo() != null || url.getFragment() != null) {
            throw new PartnerProblems.InsecureWebhookUrl();
        }
    }
}
