package org.ihospital.consultation.infrastructure;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The hospital's clock and time zone: schedules are made in local time (Asia/Shanghai by default). */
@ApplicationScoped
public class HospitalClock {

    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "hospital.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        return Clock.system(zone);
    }
}
