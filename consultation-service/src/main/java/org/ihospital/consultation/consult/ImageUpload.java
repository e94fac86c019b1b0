package org.ihospital.consultation.consult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image a patient or doctor sends: JPEG or PNG, recognised by its first bytes (never by its name or
 * the type the client claims) and then decoded to the end, so that a PNG header followed by anything
 * else is refused; at most 5 MiB and 40 megapixels (12 for a progressive JPEG). Constructing one is
 * checking it, and blocks: call it on a worker thread.
 */
public record ImageUpload(String mediaType, byte[] content) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final long MAX_PIXELS = 40_000_000L;
    /** A progressive JPEG is held whole while it is decoded, whatever the subsampling: a lower bound. */
    static final long MAX_PROGRESSIVE_PIXELS = 12_000_000L;
    /** Decodes at once across the service: each may hold tens of MB of native memory for a while. */
    private static final Semaphore DECODERS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    /** The decoding check reads every byte but keeps at most about this many pixels (subsampled). */
    private static final long CHECK_PIXELS = 1_000_000L;
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
        String format = startsWith(content, JPEG) ? "jpeg" : startsWith(content, PNG) ? "png" : null;
        if (format == null) {
            throw new ConsultationProblems.UnacceptableImage(
                    "'" + fileName + "': only JPEG and PNG images are accepted (recognised by their content)");
        }
        decodes(fileName, format, content);
        return new ImageUpload("image/" + format, content);
    }

    /**
     * Decodes the whole image, subsampled so that memory stays small whatever its size; a warning of the
     * decoder (a truncated JPEG) counts as a failure. The size comes from the header first, so that a small
     * file claiming a gigapixel image is refused before anything is decoded.
     */
    private static void decodes(String fileName, String format, byte[] content) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no " + format + " decoder in this JDK");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> {
                throw new ConsultationProblems.UnacceptableImage("'" + fileName + "' is not a whole " + format.toUpperCase() + " image");
            });
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PIXELS) {
                throw new ConsultationProblems.UnacceptableImage("'" + fileName + "' has more than 40 megapixels");
            }
            if (format.equals("jpeg") && progressive(content) && pixels > MAX_PROGRESSIVE_PIXELS) {
                throw new ConsultationProblems.UnacceptableImage("'" + fileName + "' is a progressive JPEG of more than 12 megapixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) pixels / CHECK_PIXELS)));
            param.setSourceSubsampling(step, step, 0, 0);
            DECODERS.acquireUninterruptibly();
            try {
                reader.read(0, param);
            } finally {
                DECODERS.release();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConsultationProblems.UnacceptableImage refused) {
                throw refused;
            }
            throw new ConsultationProblems.UnacceptableImage("'" + fileName + "' is not a readable " + format.toUpperCase() + " image");
        } finally {
            reader.dispose();
        }
    }

    /** A progressive JPEG has a start-of-frame 2 marker (FF C2); in entropy-coded data FF is never followed by C2. */
    private static boolean progressive(byte[] content) {
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == (byte) 0xFF && content[i + 1] == (byte) 0xC2) {
                return true;
            }
        }
        return false;
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
