package org.ihospital.commons.persistence;

import org.hibernate.reactive.mutiny.Mutiny;

/** Positional parameters for native SQL, bound in order (?1, ?2, …). */
public final class NativeQueries {

    private NativeQueries() {
    }

    public static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
