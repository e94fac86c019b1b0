package org.ihospital.commons.fhir;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemDialect;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Problems on the FHIR paths, said as FHIR says them: an OperationOutcome with an error issue whose code
 * follows the HTTP status (400 invalid, 401 login, 403 forbidden, 404 not-found, …), the problem's title
 * as the issue's text and its detail as diagnostics; one issue per field at fault. The status and the
 * {@code X-Request-Id} header stay as on every other path.
 */
@ApplicationScoped
@IfBuildProperty(name = Fhir.ENABLED, stringValue = "true")
public class OperationOutcomes implements ProblemDialect {

    private static final String FHIR_PATHS = Fhir.PATH.substring(1) + "/";

    @Override
    public boolean speaks(String path) {
        return path != null && (path.startsWith("/") ? path.substring(1) : path).startsWith(FHIR_PATHS);
    }

    @Override
    public String mediaType() {
        return Fhir.MEDIA_TYPE;
    }

    @Override
    public String render(Problem problem) {
        return Fhir.json().encodeResourceToString(of(problem));
    }

    /** The OperationOutcome of a problem. */
    public static OperationOutcome of(Problem problem) {
        OperationOutcome outcome = new OperationOutcome();
        IssueType code = codeOf(problem.status());
        List<Problem.FieldError> fields = problem.errors() == null ? List.of() : problem.errors();
        if (fields.isEmpty()) {
            issue(outcome, code, problem.title(), problem.detail());
        }
        for (Problem.FieldError field : fields) {
            issue(outcome, code, problem.title(), field.field() + ": " + field.message());
        }
        return outcome;
    }

    private static void issue(OperationOutcome outcome, IssueType code, String title, String diagnostics) {
        var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
        issue.getDetails().setText(title);
    }

    /** FHIR's issue type for an HTTP status (R4 §3.1.0.4, the codes a server answers with). */
    static IssueType codeOf(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 409 -> IssueType.CONFLICT;
            case 413 -> IssueType.TOOLONG;
            case 422 -> IssueType.BUSINESSRULE;
            case 429 -> IssueType.THROTTLED;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }
}
