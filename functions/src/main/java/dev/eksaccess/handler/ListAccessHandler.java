package dev.eksaccess.handler;

import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import java.util.List;
import java.util.Map;

/** ListAccessFunction: List the aws-auth mappings and access entries of each cluster. Input: {"clusters":[...], "backend"?}. */
public final class ListAccessHandler extends AccessHandler {

    /** Lambda's entry: the process environment. */
    public ListAccessHandler() {
        super(Environment.system());
    }

    /** The sandbox and tests: explicit variables. */
    public ListAccessHandler(Map<String, String> env) {
        super(Environment.of(env));
    }

    @Override
    AccessRequest parse(byte[] request) {
        return AccessRequest.list(request);
    }

    @Override
    List<ClusterResult> handle(AccessRequest parsed, AccessProvisioner provisioner) {
        return provisioner.list(parsed.clusters(), parsed.backend());
    }
}
