package dev.eksaccess.cli.sandbox;

import dev.eksaccess.testkit.EksAccessEntriesServer.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What happened to each API-mode cluster's access entries between two snapshots, for people to read,
 * in the lines the provisioner's own access-entry diffs use.
 */
public final class AccessEntryChanges {
    private AccessEntryChanges() {
    }

    public static String describe(Map<String, List<Entry>> before, Map<String, List<Entry>> after) {
        if (after.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("access entry changes:\n");
        after.forEach((cluster, now) -> {
            List<String> lines = diff(byArn(before.getOrDefault(cluster, List.of())), byArn(now));
            out.append("  ").append(cluster).append(lines.isEmpty() ? ": unchanged\n" : ": changed\n");
            lines.forEach(l -> out.append("    ").append(l).append('\n'));
        });
        return out.toString();
    }

    private static List<String> diff(Map<String, Entry> was, Map<String, Entry> now) {
        List<String> lines = new ArrayList<>();
        was.forEach((arn, e) -> {
            if (!now.containsKey(arn)) {
                lines.add("- access entry " + arn);
            }
        });
        now.forEach((arn, e) -> {
            Entry old = was.get(arn);
            if (old == null) {
                lines.add("+ access entry " + arn + " (username " + e.username() + ", groups " + e.groups()
                        + (e.tags().isEmpty() ? "" : ", tags " + new TreeMap<>(e.tags())) + ")");
            } else if (!old.username().equals(e.username()) || !new TreeSet<>(old.groups()).equals(new TreeSet<>(e.groups()))) {
                lines.add("~ access entry " + arn + ": username " + old.username() + " -> " + e.username() + ", groups "
                        + old.groups() + " -> " + e.groups());
            }
            Map<String, List<String>> had = old == null ? Map.of() : old.policies();
            new TreeMap<>(e.policies()).forEach((policy, namespaces) -> {
                if (!namespaces.equals(had.get(policy))) {
                    lines.add("+ access policy " + label(policy, namespaces) + " on " + arn);
                }
            });
            new TreeMap<>(had).forEach((policy, namespaces) -> {
                if (!e.policies().containsKey(policy)) {
                    lines.add("- access policy " + label(policy, namespaces) + " on " + arn);
                }
            });
        });
        return lines;
    }

    private static String label(String policyArn, List<String> namespaces) {
        String name = policyArn.substring(policyArn.lastIndexOf('/') + 1);
        return name + (namespaces.isEmpty() ? " (cluster)" : " (namespaces " + String.join(", ", namespaces) + ")");
    }

    private static Map<String, Entry> byArn(List<Entry> entries) {
        Map<String, Entry> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.principalArn(), e));
        return out;
    }
}
