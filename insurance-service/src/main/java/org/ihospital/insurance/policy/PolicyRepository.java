package org.ihospital.insurance.policy;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
class PolicyRepository implements PanacheRepositoryBase<Policy, UUID> {
}
