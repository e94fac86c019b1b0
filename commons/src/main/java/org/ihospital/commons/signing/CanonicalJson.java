package org.ihospital.commons.signing;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** RFC 8785 canonical JSON: the bytes that are signed or hashed, the same for every writer. */
public final class CanonicalJson {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private CanonicalJson() {
    }

    /** {@code document} written by a plain Jackson mapper (maps, lists, strings, numbers), canonicalised. */
    public static byte[] of(Object document) {
        return of(PLAIN, document);
    }

    /** {@code document} written by {@code json} (for a service's own serialisation settings), canonicalised. */
    public static byte[] of(ObjectMapper json, Object document) {
        try {
            return new JsonCanonicalizer(json.writeValueAsString(document)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
