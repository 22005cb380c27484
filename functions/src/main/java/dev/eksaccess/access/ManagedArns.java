package dev.eksaccess.access;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The aws-auth entries the provisioner's automatic paths created, recorded on the ConfigMap as an
 * annotation (one lowercase ARN per line; IAM names may contain commas). Automatic paths only ever
 * remove entries named here, so hand-made entries are safe from them.
 */
public record ManagedArns(Set<String> arns) {
    public static final String ANNOTATION = "eks-access.dev/managed-arns";
    public static final ManagedArns NONE = new ManagedArns(Set.of());

    public ManagedArns {
        arns = Set.copyOf(new TreeSet<>(arns.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList()));
    }

    public static ManagedArns fromAnnotations(Map<String, String> annotations) {
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return new ManagedArns(Arrays.stream(value.split("\n")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    public boolean contains(String entryArn) {
        return entryArn != null && arns.contains(entryArn.strip().toLowerCase(Locale.ROOT));
    }

    public ManagedArns with(String arn) {
        Set<String> next = new TreeSet<>(arns);
        next.add(arn.toLowerCase(Locale.ROOT));
        return new ManagedArns(next);
    }

    public ManagedArns without(Set<String> removed) {
        Set<String> lower = removed.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new ManagedArns(arns.stream().filter(a -> !lower.contains(a)).collect(Collectors.toSet()));
    }

    /** {@code annotations} with this set written (or the key removed when empty); other keys untouched. */
    public Map<String, String> writeInto(Map<String, String> annotations) {
        Map<String, String> out = new LinkedHashMap<>(annotations == null ? Map.of() : annotations);
        if (arns.isEmpty()) {
            out.remove(ANNOTATION);
        } else {
            out.put(ANNOTATION, String.join("\n", new TreeSet<>(arns)));
        }
        return out;
    }
}
