package org.ihospital.commons.fhir;

import java.net.URI;
import java.util.Date;
import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

/**
 * A search's answer: a {@code searchset} Bundle of the matches, each entry with its absolute
 * {@code fullUrl} and {@code search.mode = match}, and the search itself as the {@code self} link. A search
 * answers at most a limit of matches, the newest, and has no next page: {@code total} is given only when
 * the answer holds every match (fewer than the limit).
 */
public final class SearchBundle {

    private SearchBundle() {
    }

    /**
     * The answer to the search the caller sent, with fullUrls under this server's FHIR base.
     *
     * @param complete whether these are all the matches (the search stayed below its limit): only then is there a total
     */
    public static Bundle of(UriInfo request, List<? extends Resource> matches, boolean complete) {
        Bundle bundle = of(request.getRequestUri(), request.getBaseUriBuilder().path(Fhir.PATH).build().toString(), matches);
        return complete ? bundle : bundle.setTotalElement(null);
    }

    /**
     * @param self the search as the caller sent it (an absolute URL)
     * @param base the FHIR base the entries' fullUrls start from, e.g. {@code http://host/api/v1/fhir/r4}
     */
    public static Bundle of(URI self, String base, List<? extends Resource> matches) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET).setTotal(matches.size());
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(self.toString());
        String root = base.endsWith("/") ? base : base + "/";
        for (Resource match : matches) {
            bundle.addEntry().setFullUrl(root + match.fhirType() + "/" + match.getIdPart()).setResource(match)
                    .getSearch().setMode(SearchEntryMode.MATCH);
        }
        return bundle;
    }
}
