package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static dev.eksaccess.handler.SsoCloud.ADMIN_ROLE;
import static dev.eksaccess.handler.SsoCloud.REGIONAL_PATH;
import static dev.eksaccess.handler.SsoCloud.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.sso.RoleNotProvisionedYetException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ResolveRoleFunction on moto: the role by permission set name or ARN, path stripped for aws-auth; none
 * when nobody holds the permission set; and, while Identity Center is still creating it, exactly the error
 * the state machine retries on.
 */
class ResolveRoleHandlerTest {
    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/" + ADMIN_ROLE;

    SsoCloud sso;
    ResolveRoleHandler handler;

    @BeforeEach
    void start() {
        sso = new SsoCloud();
        handler = new ResolveRoleHandler(sso.env(null));
    }

    @AfterEach
    void stop() {
        sso.close();
    }

    @Test
    void byNameTheRoleIsFoundAndItsPathStripped() {
        sso.createRole(ACCOUNT, REGIONAL_PATH, ADMIN_ROLE);
        sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        JsonNode out = json(invoke(handler, "{\"accountId\":\"111122223333\",\"permissionSetName\":\"AdministratorAccess\"}"));
        assertTrue(out.get("found").asBoolean(), out.toString());
        assertEquals(ROLE_ARN, out.get("roleArn").asString());
        assertEquals("arn:aws:iam::111122223333:role" + REGIONAL_PATH + ADMIN_ROLE, out.get("fullRoleArn").asString());
        assertEquals("AdministratorAccess", out.get("permissionSet").asString());
    }

    @Test
    void byArnTheNameComesFromIdentityCenter() {
        sso.createRole(ACCOUNT, REGIONAL_PATH, ADMIN_ROLE);
        JsonNode out = json(invoke(handler, "{\"accountId\":\"111122223333\",\"permissionSetArn\":\"" + sso.adminSet
                + "\",\"instanceArn\":\"" + SsoCloud.INSTANCE + "\",\"region\":\"eu-west-1\"}"));
        assertEquals(ROLE_ARN, out.get("roleArn").asString(), out.toString());
    }

    @Test
    void aPermissionSetNobodyHoldsThereHasNoRole() {
        JsonNode out = json(invoke(handler, "{\"accountId\":\"111122223333\",\"permissionSetName\":\"AdministratorAccess\"}"));
        assertFalse(out.get("found").asBoolean(), out.toString());
        assertTrue(out.get("roleArn").isNull() && out.get("fullRoleArn").isNull(), out.toString());
    }

    @Test
    void whileTheRoleIsBeingCreatedItFailsWithTheErrorTheStateMachineRetries() {
        sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        RoleNotProvisionedYetException e = assertThrows(RoleNotProvisionedYetException.class, () -> invoke(handler,
                "{\"accountId\":\"111122223333\",\"permissionSetName\":\"AdministratorAccess\"}"));
        assertTrue(e.getMessage().contains("is assigned there; Identity Center is still provisioning it"),
                e.getMessage());
        // Lambda's Java runtime reports errorType as the class's getName(); the Retry must name exactly that.
        assertTrue(ProvisionStateMachineTest.retriedErrors("ResolveRole").contains(e.getClass().getName()),
                ProvisionStateMachineTest.retriedErrors("ResolveRole").toString());
    }

    @Test
    void inputErrorsNameTheField() {
        for (String[] bad : List.of(
                new String[] {"{\"accountId\":\"111122223333\"}", "permissionSetArn"},
                new String[] {"{\"accountId\":\"111122223333\",\"permissionSetName\":\"A\",\"permissionSetArn\":\""
                        + sso.adminSet + "\"}", "permissionSetArn"},
                new String[] {"{\"accountId\":\"1111\",\"permissionSetName\":\"A\"}", "accountId"},
                new String[] {"{\"accountId\":\"111122223333\",\"permissionSetName\":\"A\",\"cluster\":\"x\"}", "cluster"},
                new String[] {"{\"accountId\":\"111122223333\",\"permissionSetName\":\"NoSuchSet\"}",
                        "permissionSetName"})) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> invoke(handler, bad[0]), bad[0]);
            assertEquals(bad[1], e.field(), e.getMessage());
        }
    }
}
