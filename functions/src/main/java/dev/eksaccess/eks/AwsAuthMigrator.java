package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessEntryPlanner;
import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.AwsAuthMigration;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.ManagedArns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies a cluster's aws-auth role and user entries to EKS access entries, leaving aws-auth as it is
 * (switching the cluster to API mode, and removing aws-auth, stay the operator's decisions). Identities
 * that already have an access entry are left alone; each copy goes through {@link AccessEntriesUpdater}.
 */
public final class AwsAuthMigrator {
    private final ClusterDirectory directory;
    private final ClusterConnector connector;
    private final AccessEntryConnector entryConnector;
    private final AccessEntriesUpdater entries;
    private final RolePaths rolePaths;

    /** One line of the report: what happened to one aws-auth entry. */
    public record Line(Outcome outcome, String identity, String detail) {
    }

    public enum Outcome { CREATED, WOULD_CREATE, EXISTS, SKIPPED, FAILED }

    public AwsAuthMigrator(ClusterDirectory directory, ClusterConnector connector, AccessEntryConnector entryConnector,
                           AccessEntriesUpdater entries, RolePaths rolePaths) {
        this.directory = directory;
        this.connector = connector;
        this.entryConnector = entryConnector;
        this.entries = entries;
        this.rolePaths = rolePaths;
    }

    public static AwsAuthMigrator fromEnvironment(Environment env) {
        AwsClients clients = new AwsClients(env);
        AccountCredentials accounts = new AccountCredentials(clients);
        Clock clock = Clock.systemUTC();
        return new AwsAuthMigrator(new EksClusterDirectory(clients, accounts, KubeEndpoints.from(env), clock),
                new Fabric8ClusterConnector(accounts, clock, env.getInt("KUBE_CONNECT_TIMEOUT_MS", 5_000, 100, 60_000),
                        env.getInt("KUBE_REQUEST_TIMEOUT_MS", 15_000, 100, 120_000)),
                new SdkAccessEntryConnector(clients, accounts),
                new AccessEntriesUpdater(Backoff.DEFAULT), new IamRolePaths(clients, accounts));
    }

    public List<Line> migrate(ClusterRef ref, boolean dryRun) {
        ClusterInfo info = directory.describe(ref);
        if (Backend.CONFIG_MAP.equals(info.authenticationMode())) {
            throw new AccessRefusedException("cluster " + ref.name() + " authenticates with aws-auth only (CONFIG_MAP); "
                    + "switch it to API_AND_CONFIG_MAP first: aws eks update-cluster-config --name " + ref.name()
                    + " --access-config authenticationMode=API_AND_CONFIG_MAP");
        }
        Optional<AwsAuthConfigMap> configMap = connector.awsAuth(info).read();
        AwsAuthDocument doc = AwsAuthConfigMap.document(configMap);
        ManagedArns managed = AwsAuthConfigMap.managed(configMap);
        AccessEntryStore store = entryConnector.accessEntries(info);
        List<String> existing = store.principalArns();
        List<Line> report = new ArrayList<>();
        for (AwsAuthMigration.Step step : AwsAuthMigration.plan(doc, managed)) {
            if (step instanceof AwsAuthMigration.Skip skip) {
                report.add(new Line(Outcome.SKIPPED, skip.identity(), skip.reason()));
            } else {
                report.add(copy(((AwsAuthMigration.Copy) step).grant(), ref, store, existing, dryRun));
            }
        }
        return report;
    }

    private Line copy(AccessChange.GrantIdentity grant, ClusterRef ref, AccessEntryStore store, List<String> existing,
                      boolean dryRun) {
        String identity = grant.arn().awsAuthArn();
        Optional<String> found = existing.stream().filter(arn -> AccessEntryPlanner.concerns(grant, arn)).findFirst();
        if (found.isPresent()) {
            return new Line(Outcome.EXISTS, identity, "already has access entry " + found.get() + "; left as it is");
        }
        AccessChange.GrantIdentity full = grant;
        try {
            if (grant.arn() instanceof IamRoleArn role) {
                Optional<IamRoleArn> withPath = rolePaths.withPath(role, ref.region());
                if (withPath.isEmpty()) {
                    return new Line(Outcome.SKIPPED, identity, "role not found in IAM; an access entry needs an "
                            + "existing principal");
                }
                full = new AccessChange.GrantIdentity(withPath.get(), grant.username(), grant.groups(), grant.managed(),
                        grant.accessPolicies());
            }
            // The listing made at the start serves each copy's first round: one ListAccessEntries per run, not
            // one per identity (thousands of calls on a large aws-auth).
            AccessEntryOutcome outcome = entries.apply(store.listedAs(existing), full, dryRun);
            // Not changed: an entry for the identity appeared after the listing above, already as the copy
            // would make it.
            return new Line(!outcome.changed() ? Outcome.EXISTS : dryRun ? Outcome.WOULD_CREATE : Outcome.CREATED,
                    identity, outcome.summary());
        } catch (PartlyWrittenException partly) {
            // An entry it created that could not be deleted again: EKS uses it in place of the aws-auth
            // mapping, with less than that gives, and a re-run would leave it as it is (it exists).
            return new Line(Outcome.FAILED, identity, AccessProvisioner.describe(partly) + "; " + partly.summary()
                    + (partly.createdLeft() ? ": delete the access entry it created before a re-run, which would "
                    + "leave it as it is" : ""));
        } catch (RuntimeException e) {
            // A copy refused after its CreateAccessEntry had its entry deleted again (AccessEntriesUpdater):
            // whole or not at all, and a re-run copies it whole.
            return new Line(Outcome.FAILED, identity, AccessProvisioner.describe(e)
                    + (e instanceof ChangeUndoneException ? ", so a re-run copies it whole" : ""));
        }
    }
}
