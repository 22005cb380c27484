package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.eks.AccountCredentials;
import dev.eksaccess.eks.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * {@link ClusterDiscovery} with EKS ListClusters and DescribeCluster (which carries the tags) in the
 * member account, through the target role (which then needs eks:ListClusters). A by-name entry needs
 * ListClusters only.
 */
public final class EksClusterDiscovery implements ClusterDiscovery {
    private final AwsClients clients;
    private final AccountCredentials accounts;

    public EksClusterDiscovery(AwsClients clients, AccountCredentials accounts) {
        this.clients = clients;
        this.accounts = accounts;
    }

    @Override
    public List<ClusterRef> find(AccountId account, ClusterSelector selector) {
        AwsCredentialsProvider credentials = accounts.forAccount(account, selector.region());
        EksClient eks = clients.eks(selector.region(), credentials);
        List<ClusterRef> found = new ArrayList<>();
        for (String name : eks.listClustersPaginator(r -> { }).clusters()) {
            if (selector.byName()) {
                if (name.equals(selector.name())) {
                    found.add(new ClusterRef(name, selector.region(), account));
                }
                continue;
            }
            Map<String, String> tags;
            try {
                tags = eks.describeCluster(r -> r.name(name)).cluster().tags();
            } catch (ResourceNotFoundException deletedMeanwhile) {
                continue;
            }
            if (selector.matchesTags(tags)) {
                found.add(new ClusterRef(name, selector.region(), account));
            }
        }
        // ListClusters order is the service's; sorted, results and audit lines read the same every time.
        found.sort(java.util.Comparator.comparing(ClusterRef::name));
        return found;
    }
}
