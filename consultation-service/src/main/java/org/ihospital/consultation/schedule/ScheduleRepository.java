package org.ihospital.consultation.schedule;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
class ScheduleRepository implements PanacheRepositoryBase<Schedule, UUID> {
}
