package org.ihospital.commons.idempotency;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** Records the route every request matched (method and path template), before the resource method runs. */
public class MatchedRouteFilter {

    private final MatchedRoute route;

    public MatchedRouteFilter(MatchedRoute route) {
        this.route = route;
    }

    @ServerRequestFilter
    public void record(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return;
        }
        route.record(request.getMethod(), resource);
    }
}
