package dev.eksaccess.eks;

/** {@link AccessEntryConnector} on the SDK's EKS client, through the target role for other accounts. */
public final class SdkAccessEntryConnector implements AccessEntryConnector {
    private final AwsClients clients;
    private final AccountCredentials accounts;

    public SdkAccessEntryConnector(AwsClients clients, AccountCredentials accounts) {
        this.clients = clients;
        this.accounts = accounts;
    }

    @Override
    public AccessEntryStore accessEntries(ClusterInfo cluster) {
        String region = cluster.ref().region();
        return new SdkAccessEntryStore(clients.eks(region, accounts.forAccount(cluster.ref().accountId(), region)),
                cluster.ref());
    }
}
