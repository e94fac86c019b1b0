package org.ihospital.insurance.infrastructure;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of insurance-service ({@code hospital.insurance.*}), with its default, in one place. */
@ConfigMapping(prefix = "hospital.insurance")
public interface InsuranceConfig {

    CostControl costControl();

    interface CostControl {
        /**
         * The flags that hold a claim until an auditor resolves them (QUANTITY_OVER_LIMIT, DUPLICATE_THERAPY,
         * REFILL_TOO_FREQUENT); the others are notices.
         */
        @WithDefault("QUANTITY_OVER_LIMIT,DUPLICATE_THERAPY")
        Set<String> hold();

        /** The same drug claimed again sooner than this is flagged (REFILL_TOO_FREQUENT). */
        @WithDefault("P20D")
        Duration refillInterval();
    }
}
