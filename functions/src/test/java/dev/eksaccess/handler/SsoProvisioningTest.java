package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static dev.eksaccess.handler.SsoCloud.ADMIN_ROLE;
import static dev.eksaccess.handler.SsoCloud.GLOBAL_PATH;
import static dev.eksaccess.handler.SsoCloud.POLICY;
import static dev.eksaccess.handler.SsoCloud.REGIONAL_PATH;
import static dev.eksaccess.handler.SsoCloud.USER;
import static dev.eksaccess.handler.SsoCloud.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.sso.ProvisioningWait;
import dev.eksaccess.sso.RoleNotProvisionedYetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Asynchronous provisioning (the role appears after the event), events that must change nothing, and
 * where the policy comes from. IN_PROGRESS and FAILED come from {@link SsoStatusStub}; everything else
 * is moto. The sleeper between polls records its pauses instead of sleeping.
 */
class SsoProvisioningTest {
    SsoCloud sso;
    final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() {
        sso = new SsoCloud();
    }

    @AfterEach
    void stop() {
        sso.close();
    }

    SsoAssignmentHandler handler(ProvisioningWait.Sleeper sleeper) {
        return sso.handler(sso.env(POLICY), sleeper);
    }

    String createUserEvent(String requestId) {
        return event("sso-create-user.json", sso.adminSet, requestId);
    }

    long writes() {
        return sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites() + sso.cloud.staging.awsAuthWrites();
    }

    @Test
    void aRoleThatAppearsOnlyWhenProvisioningSucceedsIsFound() {
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.stub.answerStatus("IN_PROGRESS");
        // Identity Center finishes between the first poll (IN_PROGRESS) and the second (moto: SUCCEEDED).
        SsoAssignmentHandler handler = handler(d -> {
            pauses.add(d);
            sso.createRole(ACCOUNT, REGIONAL_PATH, ADMIN_ROLE);
        });

        JsonNode out = json(invoke(handler, createUserEvent(request)));
        assertEquals("grant", out.get("action").asString(), out.toString());
        assertEquals("arn:aws:iam::111122223333:role/" + ADMIN_ROLE, out.get("role").asString());
        assertEquals(List.of(Duration.ofMillis(100)), pauses);
        assertEquals(2, sso.stub.statusCalls.get());
        assertEquals(2, writes());
    }

    @Test
    void aRoleStillMissingAfterProvisioningSucceededIsARetryableFailure() {
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        RoleNotProvisionedYetException e = assertThrows(RoleNotProvisionedYetException.class,
                () -> invoke(handler(pauses::add), createUserEvent(request)));
        assertTrue(e.getMessage().contains("AWSReservedSSO_AdministratorAccess_*"), e.getMessage());
        assertEquals(0, writes());
        JsonNode line = sso.auditLines().get(0);
        assertEquals("failed", line.get("action").asString());
        assertTrue(line.get("error").asString().startsWith("RoleNotProvisionedYetException"), line.toString());
    }

    @Test
    void provisioningStillInProgressAfterTheBoundedWaitIsARetryableFailure() {
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.stub.answerStatus("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS",
                "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS");
        RoleNotProvisionedYetException e = assertThrows(RoleNotProvisionedYetException.class,
                () -> invoke(handler(pauses::add), createUserEvent(request)));
        assertTrue(e.getMessage().contains("still in progress after 1 s"), e.getMessage());
        assertEquals(11, sso.stub.statusCalls.get(), "1 s at 100 ms: polls at 0, 100, ..., 1000 ms");
        assertEquals(10, pauses.size());
        assertEquals(0, writes());
    }

    @Test
    void failedProvisioningIsReportedAndNotRetried() {
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.stub.answerStatus("IN_PROGRESS", "FAILED");
        JsonNode out = json(invoke(handler(pauses::add), createUserEvent(request)));
        assertEquals("provisioning-failed", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().contains("not a member of the organization"), out.toString());
        assertEquals(0, out.get("failed").asInt());
        assertEquals(0, writes());
    }

    @Test
    void aLateCreateEventForAnAssignmentThatIsGoneAgainGrantsNothing() {
        // Nothing assigned, no role: moto no longer knows the request id (ResourceNotFound), as for old requests.
        JsonNode out = json(invoke(handler(pauses::add), createUserEvent(null)));
        assertEquals("ignore", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().contains("no longer assigned"), out.toString());
        assertEquals(0, writes());
    }

    @Test
    void aPermissionSetOutsideThePolicyIsIgnoredWithoutTouchingAnyCluster() {
        String request = sso.assign(sso.billingSet, "USER", USER, ACCOUNT);
        sso.createRole(ACCOUNT, GLOBAL_PATH, "AWSReservedSSO_BillingAccess_0123456789abcdef");
        sso.clearCalls();
        JsonNode out = json(invoke(handler(pauses::add), event("sso-create-user.json", sso.billingSet, request)));
        assertEquals("ignore", out.get("action").asString());
        assertEquals("BillingAccess", out.get("permissionSet").asString());
        assertTrue(out.get("reason").asString().contains("BillingAccess is not in the access policy"), out.toString());
        assertTrue(sso.cloud.prod.calls().isEmpty() && sso.dev.calls().isEmpty() && sso.cloud.staging.calls().isEmpty());
        assertEquals("ignore", sso.auditLines().get(0).get("action").asString());
    }

    @Test
    void aFailedCallAndANonAccountTargetAreIgnoredBeforeAnythingIsLoaded() {
        // No policy configured and moto has no permission set: ignoring must need neither.
        SsoAssignmentHandler bare = sso.handler(sso.env(null), pauses::add);
        JsonNode failed = json(invoke(bare, LocalCloud.event("sso-failed-create.json")));
        assertEquals("ignore", failed.get("action").asString());
        assertTrue(failed.get("reason").asString().contains("AccessDenied"), failed.toString());

        JsonNode ou = json(invoke(bare, LocalCloud.event("sso-create-user.json")
                .replace("\"targetType\": \"AWS_ACCOUNT\"", "\"targetType\": \"AWS_OU\"")));
        assertEquals("ignore", ou.get("action").asString());
        assertTrue(ou.get("reason").asString().contains("AWS_OU"), ou.toString());
        assertEquals(0, writes());
        assertEquals(0, sso.stub.statusCalls.get());
    }

    @Test
    void tagsThatMatchNoClusterInTheAccountGrantNothingAndWaitForNoRole() {
        String request = sso.assign(sso.adminSet, "USER", USER, LocalCloud.OTHER_ACCOUNT);
        String tagsOnly = POLICY.replace("      - {accountId: \"222222222222\", region: eu-north-1, name: staging}\n", "");
        String event = createUserEvent(request).replace("\"targetId\":\"111122223333\"", "\"targetId\":\"222222222222\"");
        JsonNode out = json(invoke(sso.handler(sso.env(tagsOnly), pauses::add), event));
        assertEquals("ignore", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().contains("no EKS cluster of account 222222222222"), out.toString());
        assertEquals(0, sso.stub.statusCalls.get(), "no role is looked for, so no provisioning is awaited");
        assertEquals(0, writes());
    }

    @Test
    void aClusterNamedWithoutAnAccountIsLookedForInTheAssignmentsAccountOnly() {
        // "prod" is in 111122223333; an assignment to 222222222222 finds no such cluster there: nothing to do,
        // as reconcile sees it, not a failure retried into the dead-letter queue.
        String request = sso.assign(sso.adminSet, "USER", USER, LocalCloud.OTHER_ACCOUNT);
        String byName = POLICY.replace("      - {accountId: \"222222222222\", region: eu-north-1, name: staging}\n"
                + "      - {region: eu-north-1, tags: {eks-access: enabled}}\n", "      - {region: eu-north-1, name: prod}\n");
        String event = createUserEvent(request).replace("\"targetId\":\"111122223333\"", "\"targetId\":\"222222222222\"");
        JsonNode out = json(invoke(sso.handler(sso.env(byName), pauses::add), event));
        assertEquals("ignore", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().contains("no EKS cluster of account 222222222222"), out.toString());
        assertEquals(0, writes());

        // In the account that has it, the same policy line grants there.
        sso.createRole(ACCOUNT, GLOBAL_PATH, ADMIN_ROLE);
        JsonNode own = json(invoke(sso.handler(sso.env(byName), pauses::add),
                createUserEvent(sso.assign(sso.adminSet, "USER", USER, ACCOUNT))));
        assertEquals("grant", own.get("action").asString(), own.toString());
        assertEquals("prod", own.get("results").get(0).get("cluster").asString());
    }

    @Test
    void thePolicyCanComeFromAnSsmParameter() {
        sso.createRole(ACCOUNT, GLOBAL_PATH, ADMIN_ROLE);
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.putParameter("/eks-access/policy", POLICY);
        Map<String, String> env = sso.env(null);
        env.put("ACCESS_POLICY_PARAMETER", "/eks-access/policy");
        JsonNode out = json(invoke(sso.handler(env, pauses::add), createUserEvent(request)));
        assertEquals("grant", out.get("action").asString(), out.toString());
        assertEquals(2, out.get("results").size());
    }

    @Test
    void anInvalidPolicyFailsNamingThePathAndTouchesNoCluster() {
        sso.createRole(ACCOUNT, GLOBAL_PATH, ADMIN_ROLE);
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        String broken = POLICY.replace("{region: eu-north-1, tags: {eks-access: enabled}}",
                "{region: eu-north-1, tags: {eks-access: enabled}, name: prod}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> invoke(sso.handler(sso.env(broken), pauses::add), createUserEvent(request)));
        assertEquals("permissionSets.AdministratorAccess.clusters[1]", e.field(), e.getMessage());
        assertTrue(sso.cloud.prod.calls().isEmpty() && sso.dev.calls().isEmpty());
    }
}
