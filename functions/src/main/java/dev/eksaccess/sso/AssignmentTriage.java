package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.Printable;
import java.util.List;

/**
 * Decides whether an event is one to act on, and whether a deletion leaves anyone holding the permission
 * set. Pure. The EventBridge rule already filters most of what is ignored here; checking again means a
 * widened rule, a test invoke or a replayed archive cannot make the function act on the wrong events.
 */
public final class AssignmentTriage {
    static final String SOURCE = "aws.sso";
    static final String EVENT_SOURCE = "sso.amazonaws.com";
    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    static final String CREATE = "CreateAccountAssignment";
    static final String DELETE = "DeleteAccountAssignment";

    private AssignmentTriage() {
    }

    /** The verdict on one event. */
    public sealed interface Verdict {
    }

    /** Nothing to do, and why. */
    public record Ignore(String reason) implements Verdict {
    }

    /** An assignment change to carry out. */
    public record Act(AccountAssignment assignment) implements Verdict {
    }

    public static Verdict triage(AssignmentEvent e) {
        if (!SOURCE.equals(e.source()) || !DETAIL_TYPE.equals(e.detailType()) || !EVENT_SOURCE.equals(e.eventSource())) {
            return new Ignore("not an IAM Identity Center API call recorded by CloudTrail (source '"
                    + Printable.of(e.source()) + "', detail-type '" + Printable.of(e.detailType())
                    + "', eventSource '" + Printable.of(e.eventSource()) + "')");
        }
        if (!CREATE.equals(e.eventName()) && !DELETE.equals(e.eventName())) {
            return new Ignore(Printable.of(e.eventName()) + " is not an account assignment change");
        }
        if (e.errorCode() != null) {
            // A failed call changed nothing in Identity Center, so nothing changes in Kubernetes either.
            return new Ignore(e.eventName() + " failed with " + Printable.of(e.errorCode())
                    + (e.errorMessage() == null ? "" : " (" + Printable.of(e.errorMessage()) + ")")
                    + "; nothing was assigned or removed");
        }
        if (!"AWS_ACCOUNT".equals(e.targetType())) {
            return new Ignore("target type '" + Printable.of(e.targetType()) + "' is not AWS_ACCOUNT; only account "
                    + "assignments create reserved roles");
        }
        AccountAssignment.Kind kind = CREATE.equals(e.eventName())
                ? AccountAssignment.Kind.CREATE : AccountAssignment.Kind.DELETE;
        return new Act(new AccountAssignment(kind, e.awsRegion(), e.instanceArn(),
                AccountId.of("detail.requestParameters.targetId", e.targetId()), e.permissionSetArn(),
                e.principalType(), e.principalId(), e.requestId()));
    }

    /**
     * Principals other than the one this deletion removed. Identity Center may still list the removed one
     * while its deletion is in progress; counting it would keep access that should go.
     */
    public static List<AssignedPrincipal> othersThan(AccountAssignment removed, List<AssignedPrincipal> listed) {
        return listed.stream().filter(p -> !removed.samePrincipal(p)).distinct().toList();
    }
}
