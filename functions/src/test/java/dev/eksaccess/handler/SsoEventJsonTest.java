package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.sso.AccountAssignment;
import dev.eksaccess.sso.AssignmentEvent;
import dev.eksaccess.sso.AssignmentTriage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sample events read as the function reads them; wrong shapes name their JSON path. */
class SsoEventJsonTest {
    static AssignmentEvent parse(String json) {
        return SsoEventJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCreateSampleCarriesEverythingTheFunctionNeeds() {
        AssignmentEvent e = parse(LocalCloud.event("sso-create-user.json"));
        assertEquals("7c1e5a2b-3d4f-4a6b-9c8d-0e1f2a3b4c5d", e.id());
        assertEquals("arn:aws:sts::999988887777:assumed-role/AWSReservedSSO_IdentityCenterAdmin_7f3c2a1b9d8e6f50/"
                + "jane.doe@example.com", e.actorArn());
        assertEquals("3f6c8e2a-7b1d-4c9e-a5f0-2d8b6e4c1a97", e.requestId());
        AccountAssignment a = assertInstanceOf(AssignmentTriage.Act.class, AssignmentTriage.triage(e)).assignment();
        assertEquals(AccountAssignment.Kind.CREATE, a.kind());
        assertEquals("eu-west-1", a.region());
        assertEquals("arn:aws:sso:::instance/ssoins-6804a1b2c3d4e5f6", a.instanceArn());
        assertEquals("arn:aws:sso:::permissionSet/ssoins-6804a1b2c3d4e5f6/ps-2f3e4d5c6b7a8091", a.permissionSetArn());
        assertEquals("111122223333", a.account().value());
        assertEquals("USER", a.principalType());
        assertEquals("GROUP", ((AssignmentTriage.Act) AssignmentTriage.triage(
                parse(LocalCloud.event("sso-create-group.json")))).assignment().principalType());
    }

    @Test
    void theDeleteSampleTakesItsRequestIdFromTheDeletionStatus() {
        AssignmentEvent e = parse(LocalCloud.event("sso-delete.json"));
        assertEquals("DeleteAccountAssignment", e.eventName());
        assertEquals("d4c3b2a1-9f8e-4d7c-b6a5-948372615049", e.requestId());
    }

    @Test
    void theFailedCallSampleHasNoResponseAndIsIgnored() {
        AssignmentEvent e = parse(LocalCloud.event("sso-failed-create.json"));
        assertEquals("AccessDenied", e.errorCode());
        assertNull(e.requestId());
        assertInstanceOf(AssignmentTriage.Ignore.class, AssignmentTriage.triage(e));
    }

    @Test
    void wrongShapesNameTheirPath() {
        assertEquals("detail", assertThrows(InvalidInputException.class,
                () -> parse("{\"id\":\"x\",\"source\":\"aws.sso\"}")).field());
        assertEquals("detail.requestParameters.targetId", assertThrows(InvalidInputException.class,
                () -> parse(LocalCloud.event("sso-create-user.json").replace("\"targetId\": \"111122223333\"",
                        "\"targetId\": 111122223333"))).field());
        assertEquals("id", assertThrows(InvalidInputException.class,
                () -> parse("{\"detail\":{}}")).field());
        assertEquals("request", assertThrows(InvalidInputException.class, () -> parse("[]")).field());
    }
}
