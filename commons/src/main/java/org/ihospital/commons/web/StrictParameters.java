package org.ihospital.commons.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reads typed path, query and header parameters so that one that is not of its type is a 400 naming the
 * parameter ({@link InvalidParameter}), instead of JAX-RS's 404 that tells a client its URL does not exist.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    private record Kind(String expected, Function<String, ?> parse) {
    }

    private static final Map<Class<?>, Kind> KINDS = Map.of(
            UUID.class, new Kind("a UUID", StrictParameters::uuid),
            Integer.class, new Kind("an integer", Integer::valueOf),
            int.class, new Kind("an integer", Integer::valueOf),
            Long.class, new Kind("an integer", Long::valueOf),
            long.class, new Kind("an integer", Long::valueOf),
            Boolean.class, new Kind("true or false", StrictParameters::bool),
            boolean.class, new Kind("true or false", StrictParameters::bool),
            LocalDate.class, new Kind("a date (YYYY-MM-DD)", LocalDate::parse),
            Instant.class, new Kind("an instant (RFC 3339)", Instant::parse));

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Kind kind = KINDS.get(rawType);
        if (kind == null) {
            return null;
        }
        String name = nameIn(annotations);
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return (T) kind.parse().apply(value);
                } catch (RuntimeException e) {
                    throw new InvalidParameter(name, kind.expected());
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }

    /** Only the canonical 8-4-4-4-12 hex form: UUID.fromString would also take "1-2-3-4-5". */
    private static UUID uuid(String value) {
        if (!RequestIds.UUID_FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a UUID");
        }
        return UUID.fromString(value);
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static String nameIn(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return q.value();
            }
            if (a instanceof RestPath p && !p.value().isEmpty()) {
                return p.value();
            }
            if (a instanceof RestHeader h && !h.value().isEmpty()) {
                return h.value();
            }
        }
        return "parameter";
    }
}
