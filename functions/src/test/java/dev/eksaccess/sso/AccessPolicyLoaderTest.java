package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.eks.AwsClients;
import dev.eksaccess.eks.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Where the policy comes from, how long it is kept, and how its errors read. */
class AccessPolicyLoaderTest {
    static final String POLICY = "permissionSets:\n  ReadOnlyAccess:\n    username: viewer\n"
            + "    clusters: [{region: eu-north-1, name: prod}]\n";

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2025-03-14T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theParsedPolicyIsKeptForTheCacheTimeThenReadAgain() {
        AtomicInteger reads = new AtomicInteger();
        HandClock clock = new HandClock();
        AccessPolicyLoader loader = new AccessPolicyLoader("test", () -> {
            reads.incrementAndGet();
            return POLICY;
        }, Duration.ofSeconds(60), clock);
        AccessPolicy first = loader.get();
        clock.now = clock.now.plusSeconds(59);
        assertSame(first, loader.get());
        assertEquals(1, reads.get());
        clock.now = clock.now.plusSeconds(1);
        loader.get();
        assertEquals(2, reads.get());
    }

    @Test
    void errorsKeepTheirPathAndSayWhereThePolicyCameFrom() {
        AccessPolicyLoader loader = new AccessPolicyLoader("SSM parameter /eks-access/policy",
                () -> POLICY.replace("region: eu-north-1", "region: north"), Duration.ofSeconds(60), Clock.systemUTC());
        InvalidInputException e = assertThrows(InvalidInputException.class, loader::get);
        assertEquals("permissionSets.ReadOnlyAccess.clusters[0].region", e.field());
        assertTrue(e.getMessage().endsWith("(access policy from SSM parameter /eks-access/policy)"), e.getMessage());
    }

    @Test
    void theInlinePolicyIsUsedAndTwoSourcesOrNoneAreConfigurationErrors() {
        Environment inline = Environment.of(Map.of(AccessPolicyLoader.INLINE, POLICY));
        assertTrue(AccessPolicyLoader.fromEnvironment(inline, new AwsClients(inline)).get()
                .permissionSet("ReadOnlyAccess").isPresent());

        Environment both = Environment.of(Map.of(AccessPolicyLoader.INLINE, POLICY,
                AccessPolicyLoader.PARAMETER, "/eks-access/policy"));
        assertThrows(IllegalStateException.class, () -> AccessPolicyLoader.fromEnvironment(both, new AwsClients(both)));

        Environment none = Environment.of(Map.of(AccessPolicyLoader.INLINE, " "));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> AccessPolicyLoader.fromEnvironment(none, new AwsClients(none)).get());
        assertTrue(missing.getMessage().contains(AccessPolicyLoader.PARAMETER), missing.getMessage());
    }
}
