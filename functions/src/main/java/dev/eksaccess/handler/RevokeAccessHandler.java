package dev.eksaccess.handler;

import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import java.util.List;
import java.util.Map;

/** RevokeAccessFunction: Revoke access on each cluster (aws-auth or access entries). Input: see AccessRequest. */
public final class RevokeAccessHandler extends AccessHandler {

    /** Lambda's entry: the process environment. */
    public RevokeAccessHandler() {
        super(Environment.system());
    }

    /** The sandbox and tests: explicit variables. */
    public RevokeAccessHandler(Map<String, String> env) {
        super(Environment.of(env));
    }

    @Override
    AccessRequest parse(byte[] request) {
        return AccessRequest.revoke(request);
    }

    @Override
    List<ClusterResult> handle(AccessRequest parsed, AccessProvisioner provisioner) {
        return provisioner.apply(parsed.clusters(), parsed.change(), parsed.backend(), parsed.dryRun());
    }
}
