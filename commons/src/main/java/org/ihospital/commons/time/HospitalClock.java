package org.ihospital.commons.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The hospital's clock and time zone, for every service: rules take a {@link Clock} (never
 * {@code Instant.now()}), so that tests can fix the time. Schedules are made in the clinic's local
 * time ({@code hospital.zone}, Asia/Shanghai by default).
 */
@ApplicationScoped
public class HospitalClock {

    @ConfigMapping(prefix = "hospital.clock")
    public interface Zone {
        /** The clinic's time zone. */
        @WithDefault("Asia/Shanghai")
        ZoneId zone();
    }

    @Produces
    @ApplicationScoped
    Clock clock(Zone config) {
        return Clock.system(config.zone());
    }
}
