package org.ihospital.commons.probe;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A test-only resource that logs personal data the way careless code would, one case per endpoint, so
 * that {@link PiiLoggingTest} can check that no handler writes any of it in clear. The values are the
 * ones {@link PiiLoggingTest#CLEAR_VALUES} lists.
 */
@Path("/probe/pii")
@Produces(MediaType.TEXT_PLAIN)
public class PiiProbeResource {

    /** Goes to the root handlers only. */
    private static final Logger LOG = Logger.getLogger(PiiProbeResource.class);
    /** Has a named handler of its own (see application.properties) that names no filter. */
    static final String AUDIT_CATEGORY = "org.ihospital.commons.probe.audit";
    private static final Logger AUDIT = Logger.getLogger(AUDIT_CATEGORY);

    /** How a record prints itself when nobody wrote a masking toString. */
    record Visit(UUID id, String displayName, String phone) {
    }

    @GET
    @Path("/chinese-labels")
    @RolesAllowed("**")
    public String chineseLabels() {
        LOG.infof("挂号成功 姓名：张三丰，患者: 李小龙, 紧急联系人：%s", "王五");
        return "ok";
    }

    @GET
    @Path("/grouped-numbers")
    @RolesAllowed("**")
    public String groupedNumbers() {
        LOG.infof("callback to 138 1234 5678 or %s, SMS to %s, id %s", "1391-234-5678", "１３７１２３４５６７８", "110101 19900307 123X");
        return "ok";
    }

    @GET
    @Path("/record")
    @RolesAllowed("**")
    public String record() {
        LOG.infof("booked %s", new Visit(UUID.fromString("2b1e4c3d-0000-4000-8000-000000000001"), "欧阳娜娜", "13512345678"));
        return "ok";
    }

    @GET
    @Path("/failing-row")
    @RolesAllowed("**")
    public String failingRow() throws PSQLException {
        // what the PostgreSQL JDBC driver reports for a check violation; Hibernate repeats it in its own message
        PSQLException pg = new PSQLException(new ServerErrorMessage("SERROR\0VERROR\0C23514\0"
                + "Mnew row for relation \"patient\" violates check constraint \"patient_phone_check\"\0"
                + "DFailing row contains (2b1e4c3d-0000-4000-8000-000000000002, 司马相如, 13612345678, 北京市朝阳区, null).\0"
                + "ssql\0tpatient\0npatient_phone_check\0"));
        throw new IllegalStateException("could not execute statement [" + pg.getMessage() + "]", pg);
    }

    @GET
    @Path("/named-handler")
    @RolesAllowed("**")
    public String namedHandler() {
        AUDIT.infof("audit: 姓名：诸葛孔明 phone 150 1234 5678 displayName=%s", "上官婉儿");
        return "ok";
    }
}
