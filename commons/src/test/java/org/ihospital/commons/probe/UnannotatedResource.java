package org.ihospital.commons.probe;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource whose author forgot @RolesAllowed: it must be refused, never public. */
@Path("/probe/forgotten")
public class UnannotatedResource {

    @GET
    public String secret() {
        return "nobody should read this";
    }
}
