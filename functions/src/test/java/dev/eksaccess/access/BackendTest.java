package dev.eksaccess.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which backend a change uses on a cluster, from the request and the cluster's authentication mode. */
class BackendTest {
    static final AccessChange GRANT = AccessChange.GrantIdentity.of("arn:aws:iam::111122223333:role/dev", "dev",
            List.of());
    static final AccessChange ACCOUNT = new AccessChange.GrantAccount(new AccountId("444455556666"));

    @Test
    void autoFollowsTheAuthenticationMode() {
        assertEquals(Backend.AWS_AUTH, Backend.AUTO.on("c", "CONFIG_MAP", GRANT));
        assertEquals(Backend.AWS_AUTH, Backend.AUTO.on("c", null, GRANT), "no accessConfig: CONFIG_MAP");
        assertEquals(Backend.ACCESS_ENTRIES, Backend.AUTO.on("c", "API_AND_CONFIG_MAP", GRANT));
        assertEquals(Backend.ACCESS_ENTRIES, Backend.AUTO.on("c", "API", GRANT));
    }

    @Test
    void aForcedBackendIsUsedWhereTheClusterReadsIt() {
        assertEquals(Backend.AWS_AUTH, Backend.AWS_AUTH.on("c", "API_AND_CONFIG_MAP", GRANT));
        assertEquals(Backend.ACCESS_ENTRIES, Backend.ACCESS_ENTRIES.on("c", "API_AND_CONFIG_MAP", GRANT));
        assertThrows(AccessRefusedException.class, () -> Backend.AWS_AUTH.on("c", "API", GRANT));
        assertThrows(AccessRefusedException.class, () -> Backend.ACCESS_ENTRIES.on("c", "CONFIG_MAP", GRANT));
    }

    @Test
    void accountChangesStayInAwsAuthWhereverEksReadsIt() {
        assertEquals(Backend.AWS_AUTH, Backend.AUTO.on("c", "API_AND_CONFIG_MAP", ACCOUNT));
        assertThrows(AccessRefusedException.class, () -> Backend.AUTO.on("c", "API", ACCOUNT));
        assertThrows(AccessRefusedException.class, () -> Backend.ACCESS_ENTRIES.on("c", "API_AND_CONFIG_MAP", ACCOUNT));
    }

    @Test
    void parsing() {
        assertEquals(Backend.AUTO, Backend.of("backend", null));
        assertEquals(Backend.ACCESS_ENTRIES, Backend.of("backend", "access-entries"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Backend.of("backend", "entries"));
        assertEquals("backend: must be one of auto, aws-auth, access-entries (got 'entries')", e.getMessage());
    }
}
