package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded poll on DescribeAccountAssignmentCreationStatus, with a sleeper that does not sleep. */
class ProvisioningWaitTest {
    static final Clock FROZEN = Clock.fixed(Instant.parse("2025-03-14T09:26:54Z"), ZoneOffset.UTC);
    final List<Duration> sleeps = new ArrayList<>();

    ProvisioningWait waitUpTo(int seconds, int intervalMillis) {
        return new ProvisioningWait(Duration.ofSeconds(seconds), Duration.ofMillis(intervalMillis), sleeps::add, FROZEN);
    }

    static Deque<ProvisioningStatus> script(ProvisioningStatus.State... states) {
        Deque<ProvisioningStatus> d = new ArrayDeque<>();
        for (ProvisioningStatus.State s : states) {
            d.add(ProvisioningStatus.of(s));
        }
        return d;
    }

    @Test
    void aFinishedStatusReturnsAtOnceWithoutSleeping() {
        Deque<ProvisioningStatus> s = script(ProvisioningStatus.State.SUCCEEDED);
        assertEquals(ProvisioningStatus.State.SUCCEEDED, waitUpTo(60, 2000).await(s::poll).state());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void inProgressIsPolledUntilItEnds() {
        Deque<ProvisioningStatus> s = script(ProvisioningStatus.State.IN_PROGRESS, ProvisioningStatus.State.IN_PROGRESS,
                ProvisioningStatus.State.FAILED);
        assertEquals(ProvisioningStatus.State.FAILED, waitUpTo(60, 2000).await(s::poll).state());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void theWaitIsBoundedEvenWhenTheClockStandsStill() {
        int[] polls = {0};
        ProvisioningStatus last = waitUpTo(10, 2000).await(() -> {
            polls[0]++;
            return ProvisioningStatus.of(ProvisioningStatus.State.IN_PROGRESS);
        });
        assertEquals(ProvisioningStatus.State.IN_PROGRESS, last.state());
        assertEquals(6, polls[0], "at 0, 2, 4, 6, 8 and 10 s");
        assertEquals(5, sleeps.size());
    }

    @Test
    void aZeroWaitPollsOnce() {
        int[] polls = {0};
        waitUpTo(0, 0).await(() -> {
            polls[0]++;
            return ProvisioningStatus.of(ProvisioningStatus.State.IN_PROGRESS);
        });
        assertEquals(1, polls[0]);
    }
}
