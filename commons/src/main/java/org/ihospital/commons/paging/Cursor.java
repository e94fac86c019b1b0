package org.ihospital.commons.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.ihospital.commons.problem.ProblemException;

/**
 * An opaque position in a list sorted by (time, id): stable under inserts, unlike page numbers.
 */
public record Cursor(Instant at, UUID id) {

    public static final class Invalid extends ProblemException {
        Invalid() {
            super("invalid-cursor", 400, "Invalid cursor", "The cursor is not one this API returned");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws Invalid for anything that {@link #encode()} did not produce */
    public static Cursor decode(String value) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", 2);
            return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new Invalid();
        }
    }
}
