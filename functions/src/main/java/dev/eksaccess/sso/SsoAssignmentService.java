package dev.eksaccess.sso;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.AccountCredentials;
import dev.eksaccess.eks.AwsClients;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The core of the SSO function: an account assignment event in, the matching grant or revoke on every
 * cluster the access policy names for that account out, through aws-auth or access entries as each cluster
 * (or the policy) says. Grants are managed (recorded on the ConfigMap, or tagged on the access entry),
 * and revokes remove only managed entries, so hand-made entries for the same role are never touched.
 * Replays are no-ops: a grant that is already in place and a revoke of nothing write nothing.
 */
public final class SsoAssignmentService {
    public static final String WAIT_SECONDS = "SSO_PROVISIONING_WAIT_SECONDS";
    public static final String POLL_MILLIS = "SSO_PROVISIONING_POLL_MS";

    private final Supplier<AccessPolicy> policy;
    private final IdentityCenter identityCenter;
    private final ReservedRoleLookup roles;
    private final ClusterDiscovery discovery;
    private final AccessProvisioner provisioner;
    private final ProvisioningWait wait;

    public SsoAssignmentService(Supplier<AccessPolicy> policy, IdentityCenter identityCenter, ReservedRoles roles,
                                ClusterDiscovery discovery, AccessProvisioner provisioner, ProvisioningWait wait) {
        this.policy = policy;
        this.identityCenter = identityCenter;
        this.roles = new ReservedRoleLookup(identityCenter, roles);
        this.discovery = discovery;
        this.provisioner = provisioner;
        this.wait = wait;
    }

    /** Wires the SDK adapters from the function's variables; built once per container. */
    public static SsoAssignmentService fromEnvironment(Environment env, ProvisioningWait.Sleeper sleeper) {
        AwsClients clients = new AwsClients(env);
        AccountCredentials accounts = new AccountCredentials(clients);
        ProvisioningWait wait = new ProvisioningWait(Duration.ofSeconds(env.getInt(WAIT_SECONDS, 60, 0, 600)),
                Duration.ofMillis(env.getInt(POLL_MILLIS, 2_000, 0, 60_000)), sleeper, Clock.systemUTC());
        return new SsoAssignmentService(AccessPolicyLoader.fromEnvironment(env, clients),
                new SdkIdentityCenter(clients), new IamReservedRoles(clients, accounts),
                new EksClusterDiscovery(clients, accounts), AccessProvisioner.fromEnvironment(env, clients, accounts),
                wait);
    }

    public SsoOutcome handle(AssignmentEvent event) {
        AssignmentTriage.Verdict verdict = AssignmentTriage.triage(event);
        if (verdict instanceof AssignmentTriage.Ignore ignore) {
            return SsoOutcome.ignore(ignore.reason(), null, null);
        }
        AccountAssignment a = ((AssignmentTriage.Act) verdict).assignment();
        AccessPolicy current = policy.get(); // a broken policy fails before any AWS call
        String name = identityCenter.permissionSetName(a);
        Optional<PermissionSetAccess> access = current.permissionSet(name);
        if (access.isEmpty()) {
            return SsoOutcome.ignore("permission set " + name + " is not in the access policy; it gets no "
                    + "Kubernetes access", a, name);
        }
        if (access.get().clustersFor(a.account()).isEmpty()) {
            return SsoOutcome.ignore("the access policy lists no clusters of account " + a.account().value()
                    + " for permission set " + name, a, name);
        }
        return a.kind() == AccountAssignment.Kind.CREATE ? grant(a, access.get()) : revoke(a, access.get());
    }

    private SsoOutcome grant(AccountAssignment a, PermissionSetAccess access) {
        String name = access.name();
        List<ClusterRef> clusters = clusters(a, access); // first: no cluster, no need to wait for a role
        if (clusters.isEmpty()) {
            return noClusters(a, name);
        }
        Optional<IamRoleArn> role = roles.find(a.account(), a.region(), name);
        if (role.isEmpty()) {
            ProvisioningStatus status = wait.await(() -> identityCenter.creationStatus(a));
            switch (status.state()) {
                case FAILED:
                    return new SsoOutcome(SsoOutcome.Action.PROVISIONING_FAILED, "Identity Center failed to provision "
                            + "permission set " + name + " in account " + a.account().value() + ": "
                            + (status.failureReason() == null ? "no reason given" : status.failureReason())
                            + "; nothing granted", a, name, null, List.of(), List.of());
                case IN_PROGRESS:
                    throw new RoleNotProvisionedYetException("provisioning of permission set " + name + " in account "
                            + a.account().value() + " is still in progress after " + wait.maxWait().toSeconds()
                            + " s; its reserved role is not there yet");
                default:
                    role = roles.resolve(a.instance(), a.account(), name, a::permissionSetArn,
                            " (provisioning is " + status.state() + ")");
            }
            if (role.isEmpty()) {
                // A late or replayed event: the assignment is gone again, so there is nothing to grant.
                return SsoOutcome.ignore("permission set " + name + " is no longer assigned in account "
                        + a.account().value() + " and has no reserved role; nothing to grant", a, name);
            }
        }
        String arn = role.get().withoutPath().awsAuthArn();
        // The full ARN: aws-auth drops the path itself, access entries need it.
        AccessChange change = access.grantFor(role.get());
        List<ClusterResult> results = provisioner.apply(clusters, change, access.backend(), false);
        return new SsoOutcome(SsoOutcome.Action.GRANT, "grant " + arn + " (permission set " + name + ") on "
                + count(results), a, name, arn, results, handMade(results));
    }

    private SsoOutcome revoke(AccountAssignment a, PermissionSetAccess access) {
        String name = access.name();
        List<AssignedPrincipal> listed = identityCenter.principals(a);
        ProvisioningStatus deletion = identityCenter.deletionStatus(a);
        if (deletion.state() == ProvisioningStatus.State.FAILED) {
            return new SsoOutcome(SsoOutcome.Action.KEEP, "Identity Center failed to delete the assignment of "
                    + "permission set " + name + " in account " + a.account().value() + " ("
                    + (deletion.failureReason() == null ? "no reason given" : deletion.failureReason())
                    + "); access kept", a, name, null, List.of(), List.of());
        }
        // Once the deletion succeeded, whoever is listed holds the permission set now, the same principal
        // included (assigned again since: a late, retried or redriven event). While it is in progress (or
        // its status is unknown) the removed principal may still be listed, and does not count. Erring
        // towards keeping costs little: with its last assignment Identity Center deletes the role itself,
        // so an entry left behind names a role nobody can assume (reconcile removes it from aws-auth).
        List<AssignedPrincipal> others = deletion.state() == ProvisioningStatus.State.SUCCEEDED
                ? listed.stream().distinct().toList() : AssignmentTriage.othersThan(a, listed);
        if (!others.isEmpty()) {
            return new SsoOutcome(SsoOutcome.Action.KEEP, "permission set " + name + " is still assigned to "
                    + others.size() + (others.size() == 1 ? " principal" : " principals") + " in account "
                    + a.account().value() + "; access kept", a, name, null, List.of(), List.of());
        }
        List<ClusterRef> clusters = clusters(a, access);
        if (clusters.isEmpty()) {
            return noClusters(a, name);
        }
        // By pattern, not ARN: the role may already be deleted, and a recreated one has a new suffix.
        AccessChange change = new AccessChange.RevokeManaged(a.account(), ReservedRoleName.pattern(name),
                "permission set " + name);
        List<ClusterResult> results = provisioner.apply(clusters, change, access.backend(), false);
        return new SsoOutcome(SsoOutcome.Action.REVOKE, "revoke managed entries of permission set " + name
                + " in account " + a.account().value() + " on " + count(results), a, name, null, results,
                handMade(results));
    }

    /**
     * The policy's clusters for the assignment's account, as reconcile selects them: one named with its
     * account as it is (it must exist there), one named without an account looked for in the assignment's
     * account (a permission set assigned to many accounts finds it in the one that has it, and nothing
     * elsewhere), tagged ones discovered.
     */
    private List<ClusterRef> clusters(AccountAssignment a, PermissionSetAccess access) {
        LinkedHashSet<ClusterRef> refs = new LinkedHashSet<>();
        for (ClusterSelector selector : access.clustersFor(a.account())) {
            if (selector.byName() && selector.accountId() != null) {
                refs.add(selector.refIn(a.account()));
            } else {
                refs.addAll(discovery.find(a.account(), selector));
            }
        }
        return new ArrayList<>(refs);
    }

    private static SsoOutcome noClusters(AccountAssignment a, String name) {
        return SsoOutcome.ignore("no EKS cluster of account " + a.account().value() + " matches the access policy's "
                + "entries for permission set " + name, a, name);
    }

    private static String count(List<ClusterResult> results) {
        long changed = results.stream().filter(ClusterResult::changed).count();
        long failed = results.stream().filter(ClusterResult::failed).count();
        return results.size() + (results.size() == 1 ? " cluster" : " clusters") + ": " + changed + " changed, "
                + (results.size() - changed - failed) + " unchanged, " + failed + " failed";
    }

    /**
     * Clusters where the planner left a hand-made entry alone. The planner says so only in its summary
     * ("a hand-made ... entry ... exists" / "hand-made entries left as they are"); SsoAssignmentServiceTest
     * pins that wording.
     */
    static List<String> handMade(List<ClusterResult> results) {
        return results.stream().filter(r -> r.summary() != null && r.summary().contains("hand-made"))
                .map(r -> (r.accountId() == null ? "" : r.accountId() + "/") + r.region() + "/" + r.cluster())
                .toList();
    }
}
