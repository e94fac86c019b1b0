package org.ihospital.commons.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Every meter carries the service's name as {@code application}, so that one dashboard and one set of
 * alerts serve all the services (deploy/k8s/monitoring), whatever labels the scraper adds.
 */
public class ApplicationTag {

    @Produces
    @Singleton
    MeterFilter application(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of("application", application));
    }
}
