package org.ihospital.consultation.consult;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An image a patient or doctor sends: JPEG or PNG, recognised by its first bytes (never by its name
 * or the type the client claims), at most 5 MiB.
 */
public record Image(String mediaType, byte[] content) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    /** @throws IllegalArgumentException when the bytes are not a JPEG or PNG image of an acceptable size */
    public static Image recognise(byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("the image is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("an image may be at most 5 MiB");
        }
        if (startsWith(content, JPEG)) {
            return new Image("image/jpeg", content);
        }
        if (startsWith(content, PNG)) {
            return new Image("image/png", content);
        }
        throw new IllegalArgumentException("only JPEG and PNG images are accepted (recognised by their content)");
    }

    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
