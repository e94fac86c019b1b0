package org.ihospital.consultation.signature;

/** Signs canonical content with one doctor's key (see {@link SigningService#signerFor}). */
@FunctionalInterface
public interface Signer {

    Signature sign(byte[] content);
}
