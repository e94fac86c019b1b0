package org.ihospital.consultation.signature;

import org.ihospital.commons.signing.AttestedKey;

/** A doctor's key ready to sign, and the attested public key to publish with what it signs. */
public record SigningKey(Signer signer, AttestedKey key) {
}
