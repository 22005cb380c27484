package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.MalformedAwsAuthException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final int parallelism;

    public AccessProvisioner(ClusterDirectory directory, ClusterConnector connector, AwsAuthUpdater updater,
                             int parallelism) {
        this.directory = directory;
        this.connector = connector;
        this.updater = updater;
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
                env.getInt("MAX_PARALLEL_CLUSTERS", 8, 1, 64));
    }

    public List<ClusterResult> apply(List<ClusterRef> clusters, AccessChange change, boolean dryRun) {
        return forEach(clusters, ref -> {
            ClusterInfo info = directory.describe(ref);
            AccessOutcome outcome = updater.apply(connector.awsAuth(info), change, dryRun);
            return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), BACKEND_AWS_AUTH,
                    outcome.changed(), outcome.summary(), outcome.diff(), null, null);
        });
    }

    public List<ClusterResult> list(List<ClusterRef> clusters) {
        return forEach(clusters, ref -> {
            ClusterInfo info = directory.describe(ref);
            Map<String, String> data = connector.awsAuth(info).read().map(AwsAuthConfigMap::data).orElse(Map.of());
            AwsAuthDocument doc = AwsAuthDocument.parse(data);
            return new ClusterResult(ref.name(), ref.region(), info.accountId().value(), BACKEND_AWS_AUTH, false,
                    doc.list().size() + " entries", "", doc.list(), null);
        });
    }

    private List<ClusterResult> forEach(List<ClusterRef> clusters, Function<ClusterRef, ClusterResult> work) {
        if (clusters.size() == 1) {
            return List.of(guarded(clusters.get(0), work));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, clusters.size()));
        try {
            List<Future<ClusterResult>> futures = new ArrayList<>();
            for (ClusterRef ref : clusters) {
                futures.add(pool.submit(() -> guarded(ref, work)));
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

    private ClusterResult guarded(ClusterRef ref, Function<ClusterRef, ClusterResult> work) {
        try {
            return work.apply(ref);
        } catch (RuntimeException e) {
            if (e instanceof KubernetesClientException) {
                directory.forget(ref); // endpoint or credentials may have changed; look again next time
            }
            return new ClusterResult(ref.name(), ref.region(), ref.accountId() == null ? null : ref.accountId().value(),
                    BACKEND_AWS_AUTH, false, null, null, null, describe(e));
        }
    }

    /** One line for the result: what failed and, where we know, what to do about it. */
    static String describe(RuntimeException e) {
        if (e instanceof InvalidInputException || e instanceof AccessRefusedException
                || e instanceof MalformedAwsAuthException || e instanceof WriteConflictException
                || e instanceof ClusterNotFoundException) {
            return e.getMessage();
        }
        if (e instanceof KubernetesClientException k) {
            int code = k.getCode();
            if (code == 401 || code == 403) {
                return "Kubernetes API refused the provisioner (HTTP " + code + "): map its role in aws-auth or an "
                        + "access entry and grant it the aws-auth Role (see README)";
            }
            String status = k.getStatus() != null && k.getStatus().getMessage() != null
                    ? k.getStatus().getMessage() : k.getMessage();
            return "Kubernetes API error" + (code > 0 ? " (HTTP " + code + ")" : "") + ": " + status;
        }
        if (e instanceof SdkException) {
            return "AWS error: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
