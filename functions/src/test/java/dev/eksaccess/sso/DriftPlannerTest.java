package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.KubernetesGroup;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.access.UsernameTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reconcile's decision for one cluster, without any server: each kind of drift, what is left alone, and
 * that applying the repair leaves nothing to repair (a second run is a no-op).
 */
class DriftPlannerTest {
    static final AccountId ACCOUNT = new AccountId("111122223333");
    static final String PATH = "/aws-reserved/sso.amazonaws.com/eu-west-1/";
    static final String ADMIN = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String OLD_ADMIN = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_aaaabbbbccccdddd";
    static final String VIEWER = "arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnlyAccess_fedcba9876543210";
    static final String OTHER_ACCOUNT_ADMIN =
            "arn:aws:iam::222222222222:role/AWSReservedSSO_AdministratorAccess_89abcdef01234567";
    static final IdentityMapping NODE = new IdentityMapping("arn:aws:iam::111122223333:role/eks-node",
            "system:node:{{EC2PrivateDNSName}}", List.of("system:bootstrappers", "system:nodes"), null);
    static final IdentityMapping PLATFORM = new IdentityMapping("arn:aws:iam::111122223333:role/platform-admin",
            "platform-admin", List.of("system:masters"), null);

    static final PermissionSetAccess ADMIN_ACCESS = access("AdministratorAccess", "admin:{{SessionName}}",
            "system:masters");
    static final PermissionSetAccess VIEWER_ACCESS = access("ReadOnlyAccess", "viewer:{{SessionName}}", "eks-viewers");

    static PermissionSetAccess access(String name, String username, String group) {
        return new PermissionSetAccess(name, new UsernameTemplate(username), List.of(new KubernetesGroup(group)),
                List.of(new ClusterSelector(null, "eu-north-1", "prod", null)));
    }

    static PermissionSetInAccount held(PermissionSetAccess access, String awsAuthArn) {
        String name = awsAuthArn.substring(awsAuthArn.indexOf("role/") + 5);
        return new PermissionSetInAccount(access, PermissionSetInAccount.Holding.HELD,
                IamRoleArn.parse("role", "arn:aws:iam::" + ACCOUNT.value() + ":role" + PATH + name));
    }

    static PermissionSetInAccount notHeld(PermissionSetAccess access) {
        return new PermissionSetInAccount(access, PermissionSetInAccount.Holding.NOT_HELD, null);
    }

    static IdentityMapping admin(String arn) {
        return new IdentityMapping(arn, "admin:{{SessionName}}", List.of("system:masters"), null);
    }

    static AwsAuthDocument doc(IdentityMapping... roles) {
        List<IdentityMapping> all = new ArrayList<>(List.of(NODE, PLATFORM));
        all.addAll(List.of(roles));
        return new AwsAuthDocument(all, List.of(), List.of());
    }

    static ManagedArns managed(String... arns) {
        return new ManagedArns(Set.of(arns));
    }

    /** Applies the repair as the writer would and checks that planning again finds no drift. */
    static AccessPlan repairAndReplan(List<PermissionSetInAccount> sets, AwsAuthDocument doc, ManagedArns managed) {
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, sets, doc, managed);
        AccessPlan plan = AccessPlanner.plan(doc, managed, drift.change());
        ClusterDrift again = DriftPlanner.plan(ACCOUNT, sets, plan.after(), plan.managedAfter());
        assertEquals(List.of(), again.drift(), "a second run finds nothing: " + plan.after());
        assertNull(again.change());
        return plan;
    }

    @Test
    void aHeldPermissionSetWithoutEntryIsAddedWithoutItsPathAndManaged() {
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(held(ADMIN_ACCESS, ADMIN)), doc(), ManagedArns.NONE);
        assertEquals(List.of(new Drift.Add("AdministratorAccess", ADMIN)), drift.drift());
        AccessPlan plan = repairAndReplan(List.of(held(ADMIN_ACCESS, ADMIN)), doc(), ManagedArns.NONE);
        assertEquals(admin(ADMIN), plan.after().roles().get(2));
        assertTrue(plan.managedAfter().contains(ADMIN));
    }

    @Test
    void aManagedEntryOfAnEarlierRoleIsReplacedInOneChange() {
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(held(ADMIN_ACCESS, ADMIN)), doc(admin(OLD_ADMIN)),
                managed(OLD_ADMIN));
        assertEquals(List.of(new Drift.Replace("AdministratorAccess", List.of(OLD_ADMIN), ADMIN)), drift.drift());
        AccessPlan plan = repairAndReplan(List.of(held(ADMIN_ACCESS, ADMIN)), doc(admin(OLD_ADMIN)), managed(OLD_ADMIN));
        assertEquals(List.of(NODE, PLATFORM, admin(ADMIN)), plan.after().roles());
        assertEquals(managed(ADMIN), plan.managedAfter());
    }

    @Test
    void managedEntriesOfAPermissionSetNobodyHoldsAreRemovedAndHandMadeOnesStay() {
        IdentityMapping handMade = new IdentityMapping(OLD_ADMIN, "break-glass", List.of("system:masters"), null);
        AwsAuthDocument before = doc(admin(ADMIN), handMade);
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(notHeld(ADMIN_ACCESS)), before, managed(ADMIN));
        Drift.Remove remove = assertInstanceOf(Drift.Remove.class, drift.drift().get(0));
        assertEquals(List.of(ADMIN), remove.entries());
        assertTrue(remove.reason().contains("assigned to nobody in account 111122223333"), remove.reason());
        assertTrue(drift.notes().get(0).startsWith("1 hand-made entry of permission set AdministratorAccess"),
                drift.notes().toString());
        AccessPlan plan = repairAndReplan(List.of(notHeld(ADMIN_ACCESS)), before, managed(ADMIN));
        assertEquals(List.of(NODE, PLATFORM, handMade), plan.after().roles());
    }

    @Test
    void aHandMadeEntryForTheCurrentRoleCountsAsItsMappingAndIsNeverTouched() {
        IdentityMapping handMade = new IdentityMapping(ADMIN, "break-glass", List.of("system:masters"), null);
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(held(ADMIN_ACCESS, ADMIN)), doc(handMade),
                ManagedArns.NONE);
        assertEquals(List.of(), drift.drift());
        assertNull(drift.change());
        assertTrue(drift.notes().get(0).contains("hand-made entry for " + ADMIN), drift.notes().toString());
    }

    @Test
    void aStaleManagedEntryGoesEvenWhenAHandMadeEntryMapsTheCurrentRole() {
        IdentityMapping handMade = new IdentityMapping(ADMIN, "break-glass", List.of("system:masters"), null);
        AwsAuthDocument before = doc(handMade, admin(OLD_ADMIN));
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(held(ADMIN_ACCESS, ADMIN)), before, managed(OLD_ADMIN));
        assertEquals(List.of(new Drift.Remove("AdministratorAccess", List.of(OLD_ADMIN),
                "earlier role of AdministratorAccess, which is now AWSReservedSSO_AdministratorAccess_0123456789abcdef")),
                drift.drift());
        AccessPlan plan = repairAndReplan(List.of(held(ADMIN_ACCESS, ADMIN)), before, managed(OLD_ADMIN));
        assertEquals(List.of(NODE, PLATFORM, handMade), plan.after().roles());
    }

    @Test
    void aManagedEntryWithAnotherUsernameOrGroupsThanThePolicyIsUpdated() {
        IdentityMapping edited = new IdentityMapping(ADMIN, "admin", List.of("system:masters", "extra"), null);
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(held(ADMIN_ACCESS, ADMIN)), doc(edited), managed(ADMIN));
        assertEquals(List.of(new Drift.Update("AdministratorAccess", ADMIN)), drift.drift());
        AccessPlan plan = repairAndReplan(List.of(held(ADMIN_ACCESS, ADMIN)), doc(edited), managed(ADMIN));
        assertEquals(admin(ADMIN), plan.after().roles().get(2));
    }

    @Test
    void anEntryInPlaceIsNoDriftWhateverTheCaseOfItsRecordInTheManagedList() {
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(held(ADMIN_ACCESS, ADMIN)), doc(admin(ADMIN)),
                managed(ADMIN.toUpperCase()));
        assertEquals(List.of(), drift.drift());
        assertEquals(List.of(), drift.notes());
    }

    @Test
    void aRoleStillBeingProvisionedLeavesItsEntriesAsTheyAre() {
        PermissionSetInAccount provisioning = new PermissionSetInAccount(ADMIN_ACCESS,
                PermissionSetInAccount.Holding.PROVISIONING, null);
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(provisioning), doc(admin(OLD_ADMIN)), managed(OLD_ADMIN));
        assertEquals(List.of(), drift.drift());
        assertTrue(drift.notes().get(0).contains("not there yet"), drift.notes().toString());
    }

    @Test
    void entriesOfOtherAccountsOtherPermissionSetsAndNodesAreNotReconcilesBusiness() {
        IdentityMapping otherAccount = admin(OTHER_ACCOUNT_ADMIN);
        IdentityMapping viewer = new IdentityMapping(VIEWER, "viewer:{{SessionName}}", List.of("eks-viewers"), null);
        AwsAuthDocument before = doc(otherAccount, viewer);
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(notHeld(ADMIN_ACCESS)), before,
                managed(OTHER_ACCOUNT_ADMIN, VIEWER, NODE.arn()));
        assertEquals(List.of(), drift.drift(), "ReadOnlyAccess is not among the sets checked on this cluster");
    }

    @Test
    void entriesWrittenWithAPathOrInAnotherCaseAreRecognised() {
        String withPath = "arn:aws:iam::111122223333:role" + PATH + "AWSReservedSSO_AdministratorAccess_aaaabbbbccccdddd";
        String upper = ADMIN.replace("AdministratorAccess", "ADMINISTRATORACCESS");
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, List.of(notHeld(ADMIN_ACCESS)),
                doc(admin(withPath), admin(upper)), managed(withPath, upper));
        assertEquals(List.of(new Drift.Remove("AdministratorAccess", List.of(withPath, upper),
                "AdministratorAccess is assigned to nobody in account 111122223333")), drift.drift());
    }

    @Test
    void severalPermissionSetsOnOneClusterAreRepairedInOneWrite() {
        List<PermissionSetInAccount> sets = List.of(held(ADMIN_ACCESS, ADMIN), notHeld(VIEWER_ACCESS));
        IdentityMapping viewer = new IdentityMapping(VIEWER, "viewer:{{SessionName}}", List.of("eks-viewers"), null);
        AwsAuthDocument before = doc(admin(OLD_ADMIN), viewer);
        ClusterDrift drift = DriftPlanner.plan(ACCOUNT, sets, before, managed(OLD_ADMIN, VIEWER));
        assertEquals(List.of("replace", "remove"), drift.drift().stream().map(Drift::kind).toList());
        AccessPlan plan = repairAndReplan(sets, before, managed(OLD_ADMIN, VIEWER));
        assertEquals(List.of(NODE, PLATFORM, admin(ADMIN)), plan.after().roles());
        assertEquals(managed(ADMIN), plan.managedAfter());
        assertTrue(plan.summary().contains("remove 1 managed mapRoles entry for permission set ReadOnlyAccess"),
                plan.summary());
    }
}
