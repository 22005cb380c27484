package dev.eksaccess.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A batch plans its changes in order on one document, for one write; its summary names what changes. */
class BatchPlanTest {
    static final String OLD = "arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_aaaabbbbccccdddd";
    static final String NEW = "arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef";

    @Test
    void changesArePlannedOnTheResultOfTheOneBefore() {
        AwsAuthDocument before = new AwsAuthDocument(List.of(new IdentityMapping(OLD, "admin", List.of("a"), null)),
                List.of(), List.of());
        ManagedArns managed = new ManagedArns(java.util.Set.of(OLD));
        AccessChange batch = new AccessChange.Batch(List.of(
                new AccessChange.RevokeManaged(new AccountId("111122223333"),
                        Pattern.compile("AWSReservedSSO_Admin_(?!0123456789abcdef).*"), "Admin"),
                new AccessChange.GrantIdentity(IamRoleArn.parse("arn", NEW), new UsernameTemplate("admin"),
                        List.of(new KubernetesGroup("a"))).asManaged()));
        AccessPlan plan = AccessPlanner.plan(before, managed, batch);
        assertEquals(List.of(new IdentityMapping(NEW, "admin", List.of("a"), null)), plan.after().roles());
        assertEquals(new ManagedArns(java.util.Set.of(NEW)), plan.managedAfter());
        assertEquals("remove 1 managed mapRoles entry for Admin in account 111122223333; add " + NEW + " to mapRoles",
                plan.summary());

        AccessPlan again = AccessPlanner.plan(plan.after(), plan.managedAfter(), batch);
        assertFalse(again.changed());
        assertEquals("nothing to change", again.summary(), "a replay names no step");
    }

    @Test
    void aBatchIsNotEmptyAndHoldsNoBatch() {
        assertThrows(InvalidInputException.class, () -> new AccessChange.Batch(List.of()));
        AccessChange one = new AccessChange.RevokeAccount(new AccountId("111122223333"));
        assertThrows(InvalidInputException.class, () -> new AccessChange.Batch(List.of(new AccessChange.Batch(
                List.of(one)))));
    }
}
