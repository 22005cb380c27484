package dev.eksaccess.cli.sandbox;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.ManagedArns;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What happened to each cluster's aws-auth between two snapshots, for people to read. */
public final class AwsAuthChanges {
    private AwsAuthChanges() {
    }

    public static String describe(Map<String, ConfigMap> before, Map<String, ConfigMap> after) {
        StringBuilder out = new StringBuilder("aws-auth changes:\n");
        for (Map.Entry<String, ConfigMap> e : after.entrySet()) {
            ConfigMap was = before.get(e.getKey());
            ConfigMap now = e.getValue();
            String diff = document(was).diffTo(document(now));
            Set<String> managedWas = managed(was);
            Set<String> managedNow = managed(now);
            out.append("  ").append(e.getKey()).append(": ");
            if (diff.isEmpty() && managedWas.equals(managedNow)) {
                out.append(was == null && now == null ? "no aws-auth\n" : "unchanged\n");
                continue;
            }
            out.append(was == null ? "created\n" : "changed\n");
            diff.lines().forEach(l -> out.append("    ").append(l).append('\n'));
            Set<String> added = new TreeSet<>(managedNow);
            added.removeAll(managedWas);
            Set<String> removed = new TreeSet<>(managedWas);
            removed.removeAll(managedNow);
            added.forEach(a -> out.append("    managed by eks-access: + ").append(a).append('\n'));
            removed.forEach(a -> out.append("    managed by eks-access: - ").append(a).append('\n'));
        }
        return out.toString();
    }

    private static AwsAuthDocument document(ConfigMap cm) {
        return cm == null ? AwsAuthDocument.EMPTY : AwsAuthDocument.parse(cm.getData());
    }

    private static Set<String> managed(ConfigMap cm) {
        return cm == null ? Set.of() : ManagedArns.fromAnnotations(cm.getMetadata().getAnnotations()).arns();
    }
}
