package org.ihospital.pharmacy.infrastructure;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** Every setting of pharmacy-service ({@code hospital.pharmacy.*}), with its default, in one place; a misspelt key fails the start. */
@ConfigMapping(prefix = "hospital.pharmacy")
public interface PharmacyConfig {

    Signing signing();

    interface Signing {
        /**
         * The hospital keys that attest doctors' signing keys, {@code kid:base64-of-X.509} (the hospital's
         * published JWKS): a prescription whose key none of them attests never reaches a pharmacist.
         */
        List<String> trustedKeys();
    }
}
