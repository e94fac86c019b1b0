package org.ihospital.bench.bare;

import java.net.URI;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The booking benchmark's baseline: one JSON request, one row inserted, its id answered, through the same
 * stack the services use (Quarkus REST on Vert.x, the reactive PostgreSQL client) and nothing else: no token,
 * no rules, no transaction beyond the insert. A booking's throughput divided by this one's is what the
 * hospital's own work costs.
 */
@Path("/rows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BareResource {

    public record NewRow(UUID slotId, String reason) {
    }

    public record Row(UUID id) {
    }

    private final Pool pool;

    public BareResource(Pool pool) {
        this.pool = pool;
    }

    void createTable(@Observes StartupEvent start) {
        pool.query("""
                create table if not exists bare_row (
                    id uuid primary key,
                    slot_id uuid not null,
                    reason text not null,
                    created_at timestamptz not null default now())""").executeAndAwait();
    }

    @POST
    public Uni<RestResponse<Row>> insert(NewRow body) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("insert into bare_row (id, slot_id, reason) values ($1, $2, $3)")
                .execute(Tuple.of(id, body.slotId(), body.reason()))
                .map(rows -> RestResponse.ResponseBuilder.<Row> created(URI.create("/rows/" + id)).entity(new Row(id)).build());
    }
}
