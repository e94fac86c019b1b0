package org.ihospital.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class EventContractsTest {

    @Test
    void aConformingPayloadHasNoViolations() {
        assertThat(EventContracts.violations("hospital.prescription.issued.v1",
                "{\"prescriptionId\":\"3f2a1c9e-1111-4222-8333-944445555666\"}")).isEmpty();
    }

    @Test
    void aMissingOrMalformedFieldIsAViolation() {
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", "{}")).singleElement()
                .asString().contains("prescriptionId");
        assertThat(EventContracts.violations("hospital.prescription.revoked.v1", "{\"prescriptionId\":\"rx-1\"}"))
                .singleElement().asString().contains("uuid");
        assertThat(EventContracts.violations("hospital.prescription.expired.v1", "[not json")).singleElement()
                .asString().startsWith("not JSON");
    }

    @Test
    void anUnknownTypeHasNoContract() {
        assertThat(EventContracts.exists("hospital.prescription.issued.v1")).isTrue();
        assertThat(EventContracts.exists("hospital.prescription.teleported.v1")).isFalse();
        assertThatThrownBy(() -> EventContracts.exists("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyMessageOfTheAsyncApiDocumentHasItsSchema() throws IOException {
        String asyncApi;
        try (InputStream in = EventContracts.class.getResourceAsStream("/contracts/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Matcher names = Pattern.compile("name: (hospital\\.[a-z.0-9-]+)").matcher(asyncApi);
        int count = 0;
        while (names.find()) {
            assertThat(EventContracts.exists(names.group(1))).as(names.group(1)).isTrue();
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(3);
    }
}
