package org.ihospital.commons.testing;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.signing.AttestedKey;
import org.ihospital.commons.signing.Ed25519;
import org.ihospital.commons.signing.HospitalKey;

/**
 * The test profile's hospital key (the same pair every service's {@code %test} configuration names) and
 * helpers to make doctor keys it attests, for tests that forge or check signed documents.
 */
public final class TestSigning {

    public static final String HOSPITAL_KEY_ID = "test-hospital-1";
    public static final String HOSPITAL_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIG7gWGy2ccIDb0hf0hX/N5feziN38mUxQPnYz61jLASo";
    public static final String HOSPITAL_PUBLIC_KEY = "MCowBQYDK2VwAyEAZdzL9ROwxtejggN0syCL+WUIKUrXVCaAYxXL5Gy0CLw=";

    private TestSigning() {
    }

    public static List<HospitalKey> trusted() {
        return List.of(HospitalKey.parse(HOSPITAL_KEY_ID + ":" + HOSPITAL_PUBLIC_KEY));
    }

    /** A key pair and its attested public half. */
    public record DoctorKey(KeyPair pair, AttestedKey attested) {
        public String sign(byte[] content) {
            return Ed25519.sign(content, pair.getPrivate().getEncoded());
        }
    }

    /** A doctor key attested by the test hospital key for the given owner and validity. */
    public static DoctorKey doctorKey(String owner, Instant notBefore, Instant notAfter) {
        return doctorKey(owner, notBefore, notAfter, HOSPITAL_PRIVATE_KEY);
    }

    /** A doctor key attested by any hospital private key (e.g. a stranger's, to forge one). */
    public static DoctorKey doctorKey(String owner, Instant notBefore, Instant notAfter, String hospitalPrivateKey) {
        KeyPair pair = Ed25519.generate();
        String keyId = UUID.randomUUID().toString();
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String attestation = Ed25519.sign(AttestedKey.statement(keyId, owner, publicKey, notBefore, notAfter),
                Base64.getDecoder().decode(hospitalPrivateKey));
        return new DoctorKey(pair, new AttestedKey(keyId, owner, publicKey, notBefore, notAfter, attestation, HOSPITAL_KEY_ID));
    }

    /** Another hospital's private key (PKCS#8, base64): what a forger has. */
    public static String strangerPrivateKey() {
        return Base64.getEncoder().encodeToString(Ed25519.generate().getPrivate().getEncoded());
    }
}
