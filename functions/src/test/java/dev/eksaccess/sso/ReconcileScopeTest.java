package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which accounts reconcile visits and how a permission set's state in one is decided. */
class ReconcileScopeTest {
    static final AccessPolicy POLICY = AccessPolicyParser.parse("""
            permissionSets:
              AdministratorAccess:
                username: "admin:{{SessionName}}"
                groups: [system:masters]
                clusters:
                  - {accountId: "333333333333", region: eu-north-1, name: shared}
                  - {region: eu-north-1, tags: {eks-access: enabled}}
              ReadOnlyAccess:
                username: "viewer:{{SessionName}}"
                clusters: [{region: eu-north-1, tags: {eks-access: enabled}}]
            """);
    static final IamRoleArn ROLE = IamRoleArn.parse("role",
            "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess_0123456789abcdef");

    @Test
    void accountsNamedByThePolicyAndAccountsAPolicyPermissionSetIsProvisionedToAreVisitedOnceInOrder() {
        List<AccountId> accounts = ReconcileScope.accounts(POLICY, Map.of(
                "AdministratorAccess", List.of(new AccountId("222222222222"), new AccountId("111122223333")),
                "ReadOnlyAccess", List.of(new AccountId("111122223333")),
                "BillingAccess", List.of(new AccountId("444444444444"))));
        assertEquals(List.of("111122223333", "222222222222", "333333333333"),
                accounts.stream().map(AccountId::value).toList(), "not the accounts of sets outside the policy");
    }

    @Test
    void withNothingProvisionedOnlyTheNamedAccountsAreVisited() {
        assertEquals(List.of(new AccountId("333333333333")), ReconcileScope.accounts(POLICY, Map.of()));
    }

    @Test
    void assignmentsDecideWhetherAPermissionSetIsHeldAndTheRoleWhetherItIsProvisioned() {
        PermissionSetAccess viewer = POLICY.permissionSet("ReadOnlyAccess").orElseThrow();
        assertEquals(PermissionSetInAccount.Holding.HELD, ReconcileScope.state(viewer, true, Optional.of(ROLE)).holding());
        assertEquals(PermissionSetInAccount.Holding.PROVISIONING,
                ReconcileScope.state(viewer, true, Optional.empty()).holding());
        assertEquals(PermissionSetInAccount.Holding.NOT_HELD,
                ReconcileScope.state(viewer, false, Optional.of(ROLE)).holding(),
                "a role left without assignments is being deleted");
    }
}
