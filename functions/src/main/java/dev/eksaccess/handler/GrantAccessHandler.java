package dev.eksaccess.handler;

import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import java.util.List;
import java.util.Map;

/** GrantAccessFunction: Grant access on each cluster (aws-auth or access entries). Input: see AccessRequest. */
public final class GrantAccessHandler extends AccessHandler {

    /** Lambda's entry: the process environment. */
    public GrantAccessHandler() {
        super(Environment.system());
    }

    /** The sandbox and tests: explicit variables. */
    public GrantAccessHandler(Map<String, String> env) {
        super(Environment.of(env));
    }

    @Override
    AccessRequest parse(byte[] request) {
        return AccessRequest.grant(request);
    }

    @Override
    List<ClusterResult> handle(AccessRequest parsed, AccessProvisioner provisioner) {
        return provisioner.apply(parsed.clusters(), parsed.change(), parsed.backend(), parsed.dryRun());
    }
}
