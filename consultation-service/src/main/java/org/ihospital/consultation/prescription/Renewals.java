package org.ihospital.consultation.prescription;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Told when a prescription is renewed by a new one (the refill loop listens). Runs in the renewal's transaction. */
public interface Renewals {

    Uni<Void> renewed(UUID previous, UUID renewal);
}
