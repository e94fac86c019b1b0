package org.ihospital.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class EventContractsTest {

    static final String ISSUED = """
            {"prescriptionId":"3f2a1c9e-1111-4222-8333-944445555666","consultationId":"3f2a1c9e-1111-4222-8333-944445555667",
             "patientId":"3f2a1c9e-1111-4222-8333-944445555668","doctorId":"3f2a1c9e-1111-4222-8333-944445555669",
             "issuedAt":"2026-11-25T08:00:00Z","expiresAt":"2026-11-28T08:00:00Z","diagnoses":["I10"],"region":"310104",
             "allergies":[{"substance":"penicillin","severity":"SEVERE"}],
             "items":[{"line":1,"drugCode":"AMLODIPINE-5MG-TAB","genericName":"amlodipine","atc":"C08CA01","form":"tablet",
                       "strength":"5","strengthUnit":"mg","quantity":30,"dose":{"amount":"1","frequency":"QD","days":30}}],
             "signedContent":"eyJwcmVzY3JpcHRpb25JZCI6IjEifQ==","signature":"c2lnbmF0dXJl",
             "signingKey":{"keyId":"3f2a1c9e-1111-4222-8333-944445555670","owner":"3f2a1c9e-1111-4222-8333-944445555669",
                           "publicKey":"cHVibGljLWtleQ==","notBefore":"2026-01-01T00:00:00Z","notAfter":"2027-01-01T00:00:00Z",
                           "attestation":"YXR0ZXN0YXRpb24=","attestedBy":"hospital-1"}}""";

    @Test
    void aConformingPayloadHasNoViolations() {
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", ISSUED)).isEmpty();
    }

    @Test
    void aMissingOrMalformedFieldIsAViolation() {
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", ISSUED.replace("\"diagnoses\":[\"I10\"],", "")))
                .singleElement().asString().contains("diagnoses");
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", ISSUED.replace("\"signature\":\"c2lnbmF0dXJl\",", "")))
                .singleElement().asString().contains("signature");
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", ISSUED.replace("C08CA01", "calcium blocker")))
                .singleElement().asString().contains("atc");
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", ISSUED.replace("\"region\":\"310104\",",
                "\"region\":\"310104\",\"patientName\":\"王小明\","))).singleElement().asString().contains("patientName");
        assertThat(EventContracts.violations("hospital.prescription.revoked.v1",
                "{\"prescriptionId\":\"rx-1\",\"patientId\":\"3f2a1c9e-1111-4222-8333-944445555668\",\"reason\":\"x\","
                        + "\"revokedAt\":\"2026-11-25T08:00:00Z\"}"))
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
        // and every schema is a message of the document
        try (var schemas = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/contracts/events"))) {
            assertThat(count).isEqualTo(schemas.count()).isGreaterThanOrEqualTo(8);
        }
    }
}
