package org.ihospital.insurance.claim;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.metrics.DatabaseMeters;

import io.quarkus.runtime.StartupEvent;

/** Cost control as operators and auditors watch it: flags raised by kind, and claims held for an auditor. */
@ApplicationScoped
class ClaimMetrics {

    void register(@Observes StartupEvent started, DatabaseMeters meters) {
        meters.counters("hospital.claims.flagged", "Cost-control and payer flags raised on claims", "flag",
                Arrays.stream(CostControl.Kind.values()).map(Enum::name).toList(),
                "select kind, count(*) from claim_flag group by kind");
        meters.gauge("hospital.claims.on.hold", "Claims held by an open flag until an auditor resolves it (nothing is dispensed)", null,
                "select count(distinct claim_id) from claim_flag where severity = 'HOLD' and resolved_at is null");
    }
}
