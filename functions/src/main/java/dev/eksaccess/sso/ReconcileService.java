package dev.eksaccess.sso;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.AccountCredentials;
import dev.eksaccess.eks.AwsAuthConfigMap;
import dev.eksaccess.eks.AwsClients;
import dev.eksaccess.eks.ClusterInfo;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.eks.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The core of ReconcileFunction and {@code eks-access reconcile}: brings the managed aws-auth entries of
 * every cluster the access policy covers in line with Identity Center, repairing what missed or failed
 * events left behind. The decisions are {@link ReconcileScope}'s and {@link DriftPlanner}'s; this class
 * only gathers their inputs and applies their output.
 *
 * <p>Accounts are done one after the other, each with fresh Identity Center answers read just before its
 * clusters, so that an assignment made during a long run is not undone on clusters read after it.
 */
public final class ReconcileService {
    private final Supplier<AccessPolicy> policy;
    private final IdentityCenter identityCenter;
    private final InstanceLocator instances;
    private final ReservedRoles roles;
    private final ClusterDiscovery discovery;
    private final AccessProvisioner provisioner;

    public ReconcileService(Supplier<AccessPolicy> policy, IdentityCenter identityCenter, InstanceLocator instances,
                            ReservedRoles roles, ClusterDiscovery discovery, AccessProvisioner provisioner) {
        this.policy = policy;
        this.identityCenter = identityCenter;
        this.instances = instances;
        this.roles = roles;
        this.discovery = discovery;
        this.provisioner = provisioner;
    }

    /** Wires the SDK adapters from the function's variables (the SSO function's, plus SSO_INSTANCE_ARN/SSO_REGION). */
    public static ReconcileService fromEnvironment(Environment env) {
        AwsClients clients = new AwsClients(env);
        AccountCredentials accounts = new AccountCredentials(clients);
        IdentityCenter identityCenter = new SdkIdentityCenter(clients);
        return new ReconcileService(AccessPolicyLoader.fromEnvironment(env, clients), identityCenter,
                InstanceLocator.fromEnvironment(env, identityCenter), new IamReservedRoles(clients, accounts),
                new EksClusterDiscovery(clients, accounts), AccessProvisioner.fromEnvironment(env, clients, accounts));
    }

    /** One run; {@code progress} hears of each cluster as soon as its account is done. */
    public ReconcileReport run(boolean dryRun, Consumer<ClusterReconcile> progress) {
        AccessPolicy current = policy.get(); // a broken policy fails before any AWS call
        IdentityCenterInstance instance = instances.locate(null, null);
        Map<String, String> arns = identityCenter.permissionSets(instance);
        Set<String> errors = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<AccountId>> provisioned = new LinkedHashMap<>();
        for (PermissionSetAccess access : current.permissionSets().values()) {
            String arn = arns.get(access.name());
            if (arn == null) {
                notes.add("permission set " + access.name() + " of the access policy does not exist in " + instance.arn()
                        + "; it is assigned nowhere");
                continue;
            }
            try {
                provisioned.put(access.name(), identityCenter.accountsWithPermissionSet(instance, arn));
            } catch (RuntimeException e) {
                errors.add("permission set " + access.name() + ": cannot list the accounts it is provisioned to: "
                        + describe(e));
            }
        }
        // Per run: a role recreated during the run is picked up by the next one.
        ConcurrentMap<AccountId, List<IamRoleArn>> listed = new ConcurrentHashMap<>();
        ReservedRoleLookup lookup = new ReservedRoleLookup(identityCenter,
                (account, region) -> listed.computeIfAbsent(account, a -> roles.list(a, region)));
        List<ClusterReconcile> done = new ArrayList<>();
        for (AccountId account : ReconcileScope.accounts(current, provisioned)) {
            for (ClusterReconcile c : account(current, instance, arns, lookup, account, dryRun, errors)) {
                done.add(c);
                progress.accept(c);
            }
        }
        return new ReconcileReport(dryRun, instance.arn(), done, new ArrayList<>(errors), notes);
    }

    private List<ClusterReconcile> account(AccessPolicy current, IdentityCenterInstance instance,
                                           Map<String, String> arns, ReservedRoleLookup lookup, AccountId account,
                                           boolean dryRun, Set<String> errors) {
        Map<ClusterRef, List<PermissionSetAccess>> selected = clusters(current, account, errors);
        if (selected.isEmpty()) {
            return List.of();
        }
        Map<String, PermissionSetInAccount> states = new LinkedHashMap<>();
        List<ClusterRef> refs = new ArrayList<>(selected.keySet());
        try {
            for (List<PermissionSetAccess> sets : selected.values()) {
                for (PermissionSetAccess access : sets) {
                    states.computeIfAbsent(access.name(), name -> state(instance, arns, lookup, account, access));
                }
            }
        } catch (RuntimeException e) {
            String why = "account " + account.value() + ": cannot read its Identity Center assignments or reserved "
                    + "roles: " + describe(e);
            return refs.stream().map(ref -> new ClusterReconcile(ref, ClusterDrift.NONE, new ClusterResult(ref.name(),
                    ref.region(), account.value(), AccessProvisioner.BACKEND_AWS_AUTH, false, null, null, null, why)))
                    .toList();
        }
        Map<ClusterRef, ClusterDrift> drifts = new ConcurrentHashMap<>();
        List<ClusterResult> results = provisioner.applyPlanned(refs, (cluster, configMap) -> {
            List<PermissionSetInAccount> onAwsAuth = new ArrayList<>();
            List<String> elsewhere = new ArrayList<>();
            for (PermissionSetAccess access : selected.get(cluster.ref())) {
                if (usesAwsAuth(access, cluster)) {
                    onAwsAuth.add(states.get(access.name()));
                } else {
                    elsewhere.add(access.name());
                }
            }
            AwsAuthDocument document = document(configMap);
            ManagedArns managed = ManagedArns.fromAnnotations(configMap == null ? Map.of() : configMap.annotations());
            ClusterDrift drift = DriftPlanner.plan(cluster.accountId(), onAwsAuth, document, managed);
            List<String> notes = new ArrayList<>(drift.notes());
            if (!elsewhere.isEmpty()) {
                notes.add("permission sets " + elsewhere + " use access entries on this cluster (authentication mode "
                        + cluster.authenticationMode() + "); reconcile checks aws-auth only");
            }
            List<String> unmapped = DriftPlanner.unmappedManaged(cluster.accountId(), selected.get(cluster.ref())
                    .stream().map(PermissionSetAccess::name).toList(), document, managed);
            if (!unmapped.isEmpty()) {
                notes.add(unmapped.size() + " managed " + (unmapped.size() == 1 ? "entry" : "entries") + " of "
                        + "permission sets the access policy no longer maps to this cluster, left as "
                        + (unmapped.size() == 1 ? "it is" : "they are") + " (revoke to remove): " + unmapped);
            }
            drift = new ClusterDrift(drift.drift(), notes, drift.change());
            drifts.put(cluster.ref(), drift);
            return drift.change();
        }, dryRun);
        List<ClusterReconcile> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            out.add(new ClusterReconcile(refs.get(i), drifts.getOrDefault(refs.get(i), ClusterDrift.NONE),
                    results.get(i)));
        }
        return out;
    }

    /** The clusters of one account the policy selects, each with the permission sets that select it. */
    private Map<ClusterRef, List<PermissionSetAccess>> clusters(AccessPolicy current, AccountId account,
                                                                Set<String> errors) {
        Map<ClusterRef, List<PermissionSetAccess>> selected = new LinkedHashMap<>();
        Map<ClusterSelector, List<ClusterRef>> found = new LinkedHashMap<>();
        for (PermissionSetAccess access : current.permissionSets().values()) {
            for (ClusterSelector selector : access.clustersFor(account)) {
                // A name with an account must exist there (an error otherwise); one without is looked for.
                List<ClusterRef> refs = selector.byName() && selector.accountId() != null
                        ? List.of(selector.refIn(account))
                        : found.computeIfAbsent(selector, s -> discover(account, s, errors));
                for (ClusterRef ref : refs) {
                    List<PermissionSetAccess> sets = selected.computeIfAbsent(ref, r -> new ArrayList<>());
                    if (!sets.contains(access)) {
                        sets.add(access);
                    }
                }
            }
        }
        return selected;
    }

    private List<ClusterRef> discover(AccountId account, ClusterSelector selector, Set<String> errors) {
        try {
            return discovery.find(account, selector);
        } catch (RuntimeException e) {
            errors.add("account " + account.value() + ", region " + selector.region() + ": cannot list its EKS "
                    + "clusters: " + describe(e));
            return List.of();
        }
    }

    private PermissionSetInAccount state(IdentityCenterInstance instance, Map<String, String> arns,
                                         ReservedRoleLookup lookup, AccountId account, PermissionSetAccess access) {
        String arn = arns.get(access.name());
        boolean assigned = arn != null && !identityCenter.principals(instance, account, arn).isEmpty();
        return ReconcileScope.state(access, assigned,
                assigned ? lookup.find(account, instance.region(), access.name()) : java.util.Optional.empty());
    }

    /** Whether the SSO event path maps this permission set through aws-auth on this cluster (what reconcile checks). */
    private static boolean usesAwsAuth(PermissionSetAccess access, ClusterInfo cluster) {
        try {
            return access.backend().on(cluster.ref().name(), cluster.authenticationMode(),
                    new AccessChange.RevokeManaged(cluster.accountId(), ReservedRoleName.pattern(access.name()),
                            access.name())) == Backend.AWS_AUTH;
        } catch (AccessRefusedException unusable) {
            return false; // the event path fails there too, and says why
        }
    }

    private static AwsAuthDocument document(AwsAuthConfigMap configMap) {
        return AwsAuthDocument.parse(configMap == null ? Map.of() : configMap.data());
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : Redaction.redact(e.getMessage());
    }
}
