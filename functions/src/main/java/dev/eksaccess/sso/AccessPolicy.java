package dev.eksaccess.sso;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which permission sets get Kubernetes access, and how. Permission sets not named here are left alone.
 * Names are matched exactly, as Identity Center keeps them unique per instance.
 */
public record AccessPolicy(Map<String, PermissionSetAccess> permissionSets) {

    public AccessPolicy {
        permissionSets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(permissionSets));
    }

    public Optional<PermissionSetAccess> permissionSet(String name) {
        return Optional.ofNullable(permissionSets.get(name));
    }
}
