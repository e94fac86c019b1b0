package org.ihospital.commons.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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

    /** One page of a list, and the cursor of the next page (null on the last). */
    public record Page<T>(List<T> items, String next) {

        /**
         * The page out of {@code found}, read with one row more than {@code limit} to tell whether more
         * follow; the next page starts after the page's last row, by its time and id.
         */
        public static <T> Page<T> of(List<T> found, int limit, Function<T, Instant> at, Function<T, UUID> id) {
            List<T> items = found.stream().limit(limit).toList();
            T last = items.isEmpty() ? null : items.get(items.size() - 1);
            return new Page<>(items, found.size() > limit ? new Cursor(at.apply(last), id.apply(last)).encode() : null);
        }

        public <R> List<R> map(Function<T, R> view) {
            return items.stream().map(view).toList();
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
