package org.ihospital.consultation.prescription;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Told when a prescription is renewed by a new one, and when that renewal lapses (the refill loop listens). Runs in the caller's transaction. */
public interface Renewals {

    Uni<Void> renewed(UUID previous, UUID renewal);

    /** The renewal expired or was revoked without being dispensed: the one it renewed is followed again. */
    Uni<Void> lapsed(UUID renewal);
}
