package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.KubernetesGroup;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.access.UsernameTemplate;
import dev.eksaccess.eks.ClusterResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service learns that the planner left a hand-made entry alone from the planner's summary; this pins
 * the wording it relies on, for grants and for revokes.
 */
class SsoAssignmentServiceTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";

    static ClusterResult result(String cluster, AccessPlan plan) {
        return new ClusterResult(cluster, "eu-north-1", "111122223333", "aws-auth", plan.changed(), plan.summary(),
                plan.diff(), null, null);
    }

    @Test
    void aHandMadeEntryLeftByAManagedGrantOrRevokeIsReported() {
        AwsAuthDocument handMade = new AwsAuthDocument(
                List.of(new IdentityMapping(ROLE, "someone", List.of("system:masters"), null)), List.of(), List.of());
        AccessChange grant = new AccessChange.GrantIdentity(IamRoleArn.parse("arn", ROLE),
                new UsernameTemplate("admin:{{SessionName}}"), List.of(new KubernetesGroup("system:masters"))).asManaged();
        AccessChange revoke = new AccessChange.RevokeManaged(new AccountId("111122223333"),
                ReservedRoleName.pattern("AdministratorAccess"), "permission set AdministratorAccess");
        AccessPlan grantPlan = AccessPlanner.plan(handMade, ManagedArns.NONE, grant);
        AccessPlan revokePlan = AccessPlanner.plan(handMade, ManagedArns.NONE, revoke);
        AccessPlan fresh = AccessPlanner.plan(AwsAuthDocument.EMPTY, ManagedArns.NONE, grant);

        assertEquals(List.of("111122223333/eu-north-1/prod", "111122223333/eu-north-1/dev"),
                SsoAssignmentService.handMade(List.of(result("prod", grantPlan), result("dev", revokePlan),
                        result("staging", fresh))));
    }
}
