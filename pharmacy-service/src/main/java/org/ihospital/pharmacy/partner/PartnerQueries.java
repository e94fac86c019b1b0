package org.ihospital.pharmacy.partner;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.security.Caller;
import org.ihospital.commons.signing.Sealer;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;

import io.smallrye.mutiny.Uni;

/** What the neighbouring packages may ask about partners: who speaks for one, where its webhooks go, who serves a region. */
@ApplicationScoped
public class PartnerQueries {

    /** Where a partner's webhooks go and the secrets to sign them with now (the current one first). */
    public record Endpoint(UUID partnerId, String webhookUrl, List<String> secrets) {
    }

    private final PartnerRepository partners;
    private final Sealer sealer;
    private final Clock clock;

    public PartnerQueries(PartnerRepository partners, PharmacyConfig config, Clock clock) {
        this.partners = partners;
        this.sealer = new Sealer(config.partners().secretEncryptionKey());
        this.clock = clock;
    }

    /** Whether the caller is the partner itself: its own client's token, in the partner role. */
    static boolean speaksFor(Caller caller, Partner partner) {
        return caller.is(Caller.PHARMACY_PARTNER) && partner.clientId().equals(caller.client());
    }

    /** Whether the caller speaks for this partner (false for an unknown one). Runs in the caller's session. */
    public Uni<Boolean> isPartner(Caller caller, UUID partnerId) {
        if (!caller.is(Caller.PHARMACY_PARTNER)) {
            return Uni.createFrom().item(false);
        }
        return partners.findById(partnerId).map(p -> p != null && speaksFor(caller, p));
    }

    /** The partner the caller speaks for, or null. Runs in the caller's session. */
    public Uni<UUID> partnerOf(Caller caller) {
        if (!caller.is(Caller.PHARMACY_PARTNER) || caller.client() == null) {
            return Uni.createFrom().nullItem();
        }
        return partners.byClient(caller.client()).map(p -> p == null ? null : p.id());
    }

    /** Where to deliver a partner's webhooks, or null for an unknown partner. Runs in the caller's session. */
    public Uni<Endpoint> endpoint(UUID partnerId) {
        return partners.findById(partnerId)
                .map(p -> p == null ? null : new Endpoint(p.id(), p.webhookUrl(), p.signingSecrets(sealer, clock.instant())));
    }

    /** The partners that deliver to a region, in registration order. Runs in the caller's session. */
    public Uni<List<UUID>> serving(String region) {
        return partners.serving(region).map(found -> found.stream().map(Partner::id).toList());
    }
}
