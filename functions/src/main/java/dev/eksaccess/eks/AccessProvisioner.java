package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessEntryCall;
import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.AwsAuthTakeover;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ListedMapping;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.MalformedAwsAuthException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The core every entry point calls: apply one access change, or list, on many clusters in parallel
 * (bounded). One cluster's failure is recorded in its result and does not stop the others.
 */
public final class AccessProvisioner {
    public static final String BACKEND_AWS_AUTH = "aws-auth";

    private final ClusterDirectory directory;
    private final ClusterConnector connector;
    private final AwsAuthUpdater updater;
    private final AccessEntryConnector entryConnector;
    private final AccessEntriesUpdater entries;
    private final int parallelism;

    /** aws-auth only: clusters that choose access entries fail with a clear error. */
    public AccessProvisioner(ClusterDirectory directory, ClusterConnector connector, AwsAuthUpdater updater,
                             int parallelism) {
        this(directory, connector, updater, null, null, parallelism);
    }

    public AccessProvisioner(ClusterDirectory directory, ClusterConnector connector, AwsAuthUpdater updater,
                             AccessEntryConnector entryConnector, AccessEntriesUpdater entries, int parallelism) {
        this.directory = directory;
        this.connector = connector;
        this.updater = updater;
        this.entryConnector = entryConnector;
        this.entries = entries;
        this.parallelism = parallelism;
    }

    /** Wires the real adapters from the function's variables; built once per container. */
    public static AccessProvisioner fromEnvironment(Environment env) {
        AwsClients clients = new AwsClients(env);
        return fromEnvironment(env, clients, new AccountCredentials(clients));
    }

    /** The same, sharing clients and assumed-role credentials with the function's other AWS adapters. */
    public static AccessProvisioner fromEnvironment(Environment env, AwsClients clients, AccountCredentials accounts) {
        Clock clock = Clock.systemUTC();
        ClusterDirectory directory = new EksClusterDirectory(clients, accounts, KubeEndpoints.from(env), clock);
        ClusterConnector connector = new Fabric8ClusterConnector(accounts, clock,
                env.getInt("KUBE_CONNECT_TIMEOUT_MS", 5_000, 100, 60_000),
                env.getInt("KUBE_REQUEST_TIMEOUT_MS", 15_000, 100, 120_000));
        Backoff backoff = new Backoff(env.getInt("MAX_WRITE_ATTEMPTS", Backoff.DEFAULT.maxAttempts(), 1, 20),
                Backoff.DEFAULT.base(), Backoff.DEFAULT.max());
        return new AccessProvisioner(directory, connector, new AwsAuthUpdater(backoff),
                new SdkAccessEntryConnector(clients, accounts), new AccessEntriesUpdater(backoff),
                env.getInt("MAX_PARALLEL_CLUSTERS", 8, 1, 64));
    }

    /** See {@link ClusterDirectory#callerAccountIs}. */
    public void callerAccountIs(AccountId account) {
        directory.callerAccountIs(account);
    }

    /** See {@link ClusterDirectory#prepare}: for a cold start, ahead of the first request. */
    public void prepare(String region) {
        directory.prepare(region);
    }

    public List<ClusterResult> apply(List<ClusterRef> clusters, AccessChange change, boolean dryRun) {
        return apply(clusters, change, Backend.AUTO, dryRun);
    }

    /**
     * Applies the change on each cluster through {@code backend}: AUTO picks per cluster from its
     * authentication mode (see {@link Backend#on}); a forced backend the cluster does not read fails there.
     */
    public List<ClusterResult> apply(List<ClusterRef> clusters, AccessChange change, Backend backend, boolean dryRun) {
        return forEach(clusters, backend, ref -> {
            ClusterInfo info = directory.describe(ref);
            Backend used = backend.on(ref.name(), info.authenticationMode(), change);
            // A forced backend keeps a direct revoke to the access entry (README); an automatic revoke takes the
            // provisioner's own mappings out of both whatever its permission set's backend.
            if ((backend == Backend.AUTO || automatic(change)) && used == Backend.ACCESS_ENTRIES
                    && Backend.API_AND_CONFIG_MAP.equals(info.authenticationMode()) && revokes(change)) {
                return revokeFromBoth(ref, info, change, dryRun);
            }
            if (used == Backend.ACCESS_ENTRIES && Backend.API_AND_CONFIG_MAP.equals(info.authenticationMode())
                    && change instanceof AccessChange.GrantIdentity grant) {
                return grantBesideAwsAuth(ref, info, grant, dryRun);
            }
            return attributed(used, () -> {
                if (used == Backend.ACCESS_ENTRIES) {
                    AccessEntryOutcome outcome = entries().apply(entryConnector.accessEntries(info), change, dryRun);
                    return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), used.label(),
                            outcome.changed(), outcome.summary(), outcome.diff(), null, null);
                }
                AccessOutcome outcome = updater.apply(connector.awsAuth(info), change, dryRun);
                return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), used.label(),
                        outcome.changed(), outcome.summary(), outcome.diff(), null, null);
            });
        });
    }

    /** Whether {@code change} is an automatic revoke (managed entries only), or a batch of them. */
    private static boolean automatic(AccessChange change) {
        return every(change, c -> c instanceof AccessChange.RevokeManaged);
    }

    /** Whether {@code change} only takes access away (a revoke, or a batch of revokes). */
    private static boolean revokes(AccessChange change) {
        return every(change, c -> c instanceof AccessChange.RevokeIdentity || c instanceof AccessChange.RevokeManaged);
    }

    /** Whether {@code change} is of {@code kind}, or is a non-empty batch whose every change is. */
    private static boolean every(AccessChange change, java.util.function.Predicate<AccessChange> kind) {
        return change instanceof AccessChange.Batch batch
                ? !batch.changes().isEmpty() && batch.changes().stream().allMatch(c -> every(c, kind))
                : kind.test(change);
    }

    /** The Kubernetes API refused the provisioner itself (401/403), rather than failing. */
    private static boolean mayNotRead(KubernetesClientException e) {
        return e.getCode() == 401 || e.getCode() == 403;
    }

    /**
     * A revoke on a cluster in API_AND_CONFIG_MAP: EKS reads both access entries and aws-auth there, so an
     * identity revoked from its access entry alone would keep the access its aws-auth mapping (say, one
     * from before the cluster's switch) still gives. Removes it from both, aws-auth first. aws-auth is read
     * before anything: if the provisioner may not read it, a direct revoke fails before anything is changed
     * (it cannot say the access is gone); an automatic one (managed entries only, which only a provisioner
     * that could write aws-auth made) removes the access entry and says aws-auth was not checked.
     */
    private ClusterResult revokeFromBoth(ClusterRef ref, ClusterInfo info, AccessChange change, boolean dryRun) {
        String label = Backend.ACCESS_ENTRIES.label() + "+" + BACKEND_AWS_AUTH;
        return attributed(Backend.ACCESS_ENTRIES, () -> {
            AwsAuthStore awsAuth = connector.awsAuth(info);
            boolean readable = true;
            try {
                awsAuth.read();
            } catch (KubernetesClientException e) {
                if (!mayNotRead(e)) {
                    throw e;
                }
                if (!(change instanceof AccessChange.RevokeManaged)) {
                    throw new AccessRefusedException("cluster " + ref.name() + " is in API_AND_CONFIG_MAP, so EKS "
                            + "also reads aws-auth, which the provisioner may not read (HTTP " + e.getCode() + "): an "
                            + "identity mapped there would keep its access. Nothing was changed. Map the provisioner "
                            + "(see README), or pass backend access-entries to remove the access entry alone");
                }
                readable = false;
            }
            if (!readable) {
                AccessEntryOutcome entries = entries().apply(entryConnector.accessEntries(info), change, dryRun);
                return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), label, entries.changed(),
                        entries.summary() + "; aws-auth not checked (the provisioner may not read it)",
                        entries.diff(), null, null);
            }
            // aws-auth first: while the access entry exists EKS uses it and not the mapping, so removing the
            // mapping first changes nothing yet. The other order, with the aws-auth write then failing (a
            // refusal, a malformed section, conflicts), would leave the mapping to take over, with whatever
            // it gives (more than the entry did, perhaps).
            AccessOutcome mapped = updater.apply(awsAuth, change, dryRun);
            String mappedDiff = mapped.diff() == null ? "" : mapped.diff();
            AccessEntryOutcome entries;
            try {
                entries = entries().apply(entryConnector.accessEntries(info), change, dryRun);
            } catch (RuntimeException e) {
                // Said as it is: the mapping is gone, the entry (which EKS uses) is not, or not all of them; a
                // retry finishes it.
                PartlyWrittenException partly = e instanceof PartlyWrittenException p ? p : null;
                return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), label,
                        mapped.changed() || partly != null, "aws-auth: " + mapped.summary() + "; access entries: "
                        + (partly != null ? partly.summary() : "failed"), (partly != null ? partly.diff() : "")
                        + mappedDiff, null, describe(e));
            }
            String diff = (entries.diff() == null ? "" : entries.diff()) + mappedDiff;
            return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), label,
                    entries.changed() || mapped.changed(), "access entries: " + entries.summary() + "; aws-auth: "
                    + mapped.summary(), diff, null, null);
        });
    }

    /**
     * A grant through access entries on a cluster in API_AND_CONFIG_MAP, where EKS also reads aws-auth: a
     * new access entry takes the place of the identity's aws-auth mappings ({@link AwsAuthTakeover}), so
     * aws-auth is read before any round that creates the entry. Never over a mapping of nodes; an
     * automatic grant leaves a hand-made mapping in charge; otherwise the result says which mapping the
     * entry replaces. If the provisioner may not read aws-auth (401/403), a direct grant goes on and says
     * it was not checked; an automatic one, or any other error, creates nothing and fails the cluster.
     */
    private ClusterResult grantBesideAwsAuth(ClusterRef ref, ClusterInfo info, AccessChange.GrantIdentity grant,
                                             boolean dryRun) {
        return attributed(Backend.ACCESS_ENTRIES, () -> {
            StringBuilder note = new StringBuilder();
            AccessEntryOutcome outcome = entries().apply(entryConnector.accessEntries(info), grant, dryRun, create -> {
                note.setLength(0); // asked again if a later round creates the entry again
                AwsAuthTakeover takeover;
                try {
                    Optional<AwsAuthConfigMap> configMap = connector.awsAuth(info).read();
                    takeover = AwsAuthTakeover.of(grant.arn(), AwsAuthConfigMap.document(configMap),
                            AwsAuthConfigMap.managed(configMap));
                } catch (KubernetesClientException e) {
                    if (!mayNotRead(e) || grant.managed()) {
                        directory.forget(ref); // as for any Kubernetes failure: look the cluster up again next time
                        throw new AccessRefusedException("cluster " + ref.name() + " is in API_AND_CONFIG_MAP, where "
                                + "an access entry takes the place of the identity's aws-auth mapping, and aws-auth "
                                + "could not be read (" + describe(e) + "); no access entry created, as it could take "
                                + "the place of a mapping of nodes or a hand-made one"
                                + (grant.managed() ? ". Let the provisioner read aws-auth (see README)" : ""));
                    }
                    note.append("; aws-auth, which EKS also reads, not checked for a mapping of the identity that the "
                            + "access entry takes the place of (" + describe(e) + ")");
                    return Optional.empty();
                }
                if (takeover.leavesAlone(grant)) {
                    return Optional.of(takeover.leftAsIs());
                }
                note.append(takeover.note());
                return Optional.empty();
            });
            return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), Backend.ACCESS_ENTRIES.label(),
                    outcome.changed(), outcome.summary() + (outcome.calls().stream()
                    .anyMatch(c -> c instanceof AccessEntryCall.Create) ? note : ""), outcome.diff(), null, null);
        });
    }

    /**
     * Like {@link #apply}, on aws-auth, but each cluster's change is decided from its ConfigMap as read now
     * (reconcile): {@code planner} gets the cluster (account, authentication mode) and its ConfigMap and
     * returns the change, or null for nothing to do. The write still re-reads and re-plans under the
     * resourceVersion precondition.
     */
    public List<ClusterResult> applyPlanned(List<ClusterRef> clusters, Planner planner, boolean dryRun) {
        return forEach(clusters, Backend.AWS_AUTH, ref -> {
            ClusterInfo info = directory.describe(ref);
            AwsAuthStore store = connector.awsAuth(info);
            AccessChange change = planner.plan(info, store.read().orElse(null));
            if (change == null) {
                return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), BACKEND_AWS_AUTH, false,
                        "nothing to change", "", null, null);
            }
            Backend.AWS_AUTH.on(ref.name(), info.authenticationMode(), change); // refuses where EKS ignores aws-auth
            AccessOutcome outcome = updater.apply(store, change, dryRun);
            return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), BACKEND_AWS_AUTH,
                    outcome.changed(), outcome.summary(), outcome.diff(), null, null);
        });
    }

    /** Decides one cluster's change from its aws-auth as it is ({@code current} null: there is none). */
    @FunctionalInterface
    public interface Planner {
        AccessChange plan(ClusterInfo cluster, AwsAuthConfigMap current);
    }

    public List<ClusterResult> list(List<ClusterRef> clusters) {
        return list(clusters, Backend.AUTO);
    }

    /** AUTO lists every place EKS reads identities from: both while a cluster is in API_AND_CONFIG_MAP. */
    public List<ClusterResult> list(List<ClusterRef> clusters, Backend backend) {
        return forEach(clusters, backend, ref -> {
            ClusterInfo info = directory.describe(ref);
            String mode = info.authenticationMode();
            boolean withEntries = backend == Backend.AUTO ? !Backend.CONFIG_MAP.equals(mode)
                    : backend.on(ref.name(), mode, null) == Backend.ACCESS_ENTRIES;
            boolean withAwsAuth = backend == Backend.AUTO ? !Backend.API.equals(mode) : !withEntries;
            String label = withEntries && withAwsAuth ? Backend.ACCESS_ENTRIES.label() + "+" + BACKEND_AWS_AUTH
                    : withEntries ? Backend.ACCESS_ENTRIES.label() : BACKEND_AWS_AUTH;
            return attributed(withEntries ? Backend.ACCESS_ENTRIES : Backend.AWS_AUTH, () -> {
                List<ListedMapping> listed = new ArrayList<>();
                List<String> counts = new ArrayList<>();
                if (withEntries) {
                    List<ListedMapping> found = entries().list(entryConnector.accessEntries(info));
                    listed.addAll(found);
                    counts.add(found.size() + " access entries");
                }
                if (withAwsAuth) {
                    Map<String, String> data = connector.awsAuth(info).read().map(AwsAuthConfigMap::data)
                            .orElse(Map.of());
                    List<ListedMapping> found = AwsAuthDocument.parse(data).list();
                    listed.addAll(found);
                    counts.add(withEntries ? found.size() + " aws-auth entries" : found.size() + " entries");
                }
                return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), label, false,
                        String.join(", ", counts), "", listed, null);
            });
        });
    }

    private AccessEntriesUpdater entries() {
        if (entries == null || entryConnector == null) {
            throw new IllegalStateException("this provisioner was built for aws-auth only; access entries are not "
                    + "configured");
        }
        return entries;
    }

    /** Runs one cluster's work on a chosen backend, so that a failure still names the backend. */
    private static ClusterResult attributed(Backend backend, java.util.function.Supplier<ClusterResult> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new OnBackend(backend, e);
        }
    }

    private static final class OnBackend extends RuntimeException {
        final Backend backend;

        OnBackend(Backend backend, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.backend = backend;
        }
    }

    private List<ClusterResult> forEach(List<ClusterRef> clusters, Backend backend,
                                        Function<ClusterRef, ClusterResult> work) {
        if (clusters.size() == 1) {
            return List.of(guarded(clusters.get(0), backend, work));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, clusters.size()));
        try {
            List<Future<ClusterResult>> futures = new ArrayList<>();
            for (ClusterRef ref : clusters) {
                futures.add(pool.submit(() -> guarded(ref, backend, work)));
            }
            List<ClusterResult> results = new ArrayList<>();
            for (Future<ClusterResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected failure", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ClusterResult guarded(ClusterRef ref, Backend requested, Function<ClusterRef, ClusterResult> work) {
        try {
            return work.apply(ref);
        } catch (RuntimeException failure) {
            RuntimeException e = failure instanceof OnBackend on ? (RuntimeException) on.getCause() : failure;
            // The backend used, or the one asked for ("auto" when the cluster failed before one was chosen).
            String backend = (failure instanceof OnBackend on ? on.backend : requested).label();
            if (e instanceof KubernetesClientException || e instanceof WriteOutcomeUnknownException) {
                directory.forget(ref); // endpoint or credentials may have changed; look again next time
            }
            if (e instanceof PartlyWrittenException partly) { // failed, but not without a change: say what was made
                return new ClusterResult(ref.name(), ref.region(), ref.accountId() == null ? null
                        : ref.accountId().value(), backend, true, partly.summary(), partly.diff(), null,
                        describe(partly.failure()));
            }
            return new ClusterResult(ref.name(), ref.region(), ref.accountId() == null ? null : ref.accountId().value(),
                    backend, false, null, null, null, describe(e));
        }
    }

    /** One line for the result: what failed and, where we know, what to do about it. */
    static String describe(RuntimeException e) {
        return Redaction.redact(describeUnredacted(e));
    }

    private static String describeUnredacted(RuntimeException e) {
        if (e instanceof PartlyWrittenException partly) {
            return describeUnredacted(partly.failure());
        }
        if (e instanceof ChangeUndoneException undone) {
            return describeUnredacted(undone.failure()) + "; " + undone.note();
        }
        if (e instanceof InvalidInputException || e instanceof AccessRefusedException
                || e instanceof MalformedAwsAuthException || e instanceof WriteConflictException
                || e instanceof WriteOutcomeUnknownException
                || e instanceof ClusterNotFoundException) {
            return e.getMessage();
        }
        if (e instanceof KubernetesClientException k) {
            int code = k.getCode();
            if (mayNotRead(k)) {
                return "Kubernetes API refused the provisioner (HTTP " + code + "): map its role in aws-auth or an "
                        + "access entry and grant it the aws-auth Role (see README)";
            }
            String status = k.getStatus() != null && k.getStatus().getMessage() != null
                    ? k.getStatus().getMessage() : k.getMessage();
            return "Kubernetes API error" + (code > 0 ? " (HTTP " + code + ")" : "") + ": " + status
                    + (code > 0 ? "" : rootCause(k));
        }
        if (e instanceof SdkException) {
            return "AWS error: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Why a request got no HTTP answer (TLS refused, connection reset, timeout), which fabric8's own text
     * leaves out: the TLS exception, else the root cause, as " (SSLHandshakeException: PKIX path validation
     * failed: ...)"; empty if nothing says more.
     */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && !(root instanceof javax.net.ssl.SSLException)) { // its text says more than its causes'
            root = root.getCause();
        }
        if (root == e) {
            return "";
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\p{Cntrl}", " ");
        return " (" + root.getClass().getSimpleName() + message + ")";
    }
}
