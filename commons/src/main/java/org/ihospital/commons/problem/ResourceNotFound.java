package org.ihospital.commons.problem;

/**
 * 404. Also what a caller gets for another patient's record, so that its existence does not leak.
 */
public class ResourceNotFound extends ProblemException {

    public ResourceNotFound(String what, Object id) {
        super("not-found", 404, "Resource not found", what + " " + id + " does not exist");
    }
}
