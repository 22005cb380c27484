package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.Printable;
import java.util.regex.Pattern;

/**
 * A validated account assignment change this function acts on: a permission set given to (or taken from)
 * a user or group in one AWS account. Field names in errors are the event's JSON paths.
 *
 * @param region    the Identity Center instance's region (the CloudTrail record's awsRegion)
 * @param requestId the asynchronous operation's id, null if the event carried none
 */
public record AccountAssignment(Kind kind, String region, String instanceArn, AccountId account,
                                String permissionSetArn, String principalType, String principalId,
                                String requestId) {
    private static final String PARAMS = "detail.requestParameters.";
    private static final Pattern INSTANCE_ARN =
            Pattern.compile("arn:[a-z-]{3,20}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}");
    /** Real ARNs are arn:aws:sso:::permissionSet/ssoins-.../ps-...; kept loose so emulators' forms pass too. */
    private static final Pattern PERMISSION_SET_ARN = Pattern.compile("arn:[a-z-]{3,20}:sso:::[A-Za-z]+/[\\w./-]{1,1200}");
    private static final Pattern PRINCIPAL_ID = Pattern.compile("[A-Za-z0-9-]{1,47}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public enum Kind { CREATE, DELETE }

    public AccountAssignment {
        if (kind == null) {
            throw new InvalidInputException("detail.eventName", "is required");
        }
        ClusterRef.checkRegion("detail.awsRegion", region);
        check(PARAMS + "instanceArn", instanceArn, INSTANCE_ARN);
        if (account == null) {
            throw new InvalidInputException(PARAMS + "targetId", "is required");
        }
        check(PARAMS + "permissionSetArn", permissionSetArn, PERMISSION_SET_ARN);
        if (!"USER".equals(principalType) && !"GROUP".equals(principalType)) {
            throw new InvalidInputException(PARAMS + "principalType", "must be USER or GROUP (got '"
                    + Printable.of(principalType) + "')");
        }
        check(PARAMS + "principalId", principalId, PRINCIPAL_ID);
        if (requestId != null) {
            check("detail.responseElements." + (kind == Kind.CREATE ? "accountAssignmentCreationStatus"
                    : "accountAssignmentDeletionStatus") + ".requestId", requestId, REQUEST_ID);
        }
    }

    /** The Identity Center instance the assignment was made in. */
    public IdentityCenterInstance instance() {
        return new IdentityCenterInstance(region, instanceArn);
    }

    /** True when a listed assignment is this one's principal. */
    public boolean samePrincipal(AssignedPrincipal p) {
        return principalType.equals(p.type()) && principalId.equals(p.id());
    }

    private static void check(String field, String value, Pattern rule) {
        if (value == null || !rule.matcher(value).matches()) {
            throw new InvalidInputException(field, "is missing or malformed (got '" + Printable.of(value) + "')");
        }
    }
}
