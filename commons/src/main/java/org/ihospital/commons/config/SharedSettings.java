package org.ihospital.commons.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/**
 * Settings every service shares, declared so that configuration is validated: a misspelt key under
 * {@code hospital.} fails the start instead of being silently ignored. (A service's own settings are
 * its {@code …Config} mapping.)
 */
@ApplicationScoped
@Unremovable // nothing injects it: kept so that its mappings are registered and validated
public class SharedSettings {

    private final Database database;
    private final Messaging messaging;

    /** Injecting the mappings is what registers them for validation. */
    public SharedSettings(Database database, Messaging messaging) {
        this.database = database;
        this.messaging = messaging;
    }

    public Database database() {
        return database;
    }

    public Messaging messaging() {
        return messaging;
    }

    /** Where a service's own database is ({@code quarkus.datasource.*} are built from it). */
    @ConfigMapping(prefix = "hospital.db")
    public interface Database {
        /** The database's name on the cluster. */
        Optional<String> name();
    }

    /** The service's messaging conventions (commons' microprofile-config.properties uses them). */
    @ConfigMapping(prefix = "hospital.messaging")
    public interface Messaging {
        /** Where a consumed event that can never be applied goes, with its error. */
        Optional<String> deadLetterTopic();
    }
}
