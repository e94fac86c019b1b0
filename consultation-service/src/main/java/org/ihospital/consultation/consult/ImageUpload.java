package org.ihospital.consultation.consult;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An image a patient or doctor sends: JPEG or PNG, recognised by its first bytes (never by its name or
 * the type the client claims), at most 5 MiB. Constructing one is checking it.
 */
public record ImageUpload(String mediaType, byte[] content) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    /** Refuses a file larger than an image may be before its bytes are read. */
    public static void requireSize(String fileName, long size) {
        if (size > MAX_BYTES) {
            throw new ConsultationProblems.UnacceptableImage("'" + fileName + "' is larger than 5 MiB");
        }
    }

    /** @throws ConsultationProblems.UnacceptableImage when the bytes are not a JPEG or PNG image of an acceptable size */
    public static ImageUpload recognise(String fileName, byte[] content) {
        if (content.length == 0) {
            throw new ConsultationProblems.UnacceptableImage("'" + fileName + "': the image is empty");
        }
        requireSize(fileName, content.length);
        if (startsWith(content, JPEG)) {
            return new ImageUpload("image/jpeg", content);
        }
        if (startsWith(content, PNG)) {
            return new ImageUpload("image/png", content);
        }
        throw new ConsultationProblems.UnacceptableImage("'" + fileName + "': only JPEG and PNG images are accepted (recognised by their content)");
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
