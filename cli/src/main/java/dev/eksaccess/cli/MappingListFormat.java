package dev.eksaccess.cli;

import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ListedMapping;
import dev.eksaccess.handler.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** How {@code list} prints entries. */
enum MappingListFormat {
    table {
        @Override
        String render(List<ListedMapping> entries) {
            // Columns for access entries only when there are some: an aws-auth listing reads as it always did.
            boolean withEntries = entries.stream().anyMatch(MappingListFormat::isAccessEntry);
            List<String[]> rows = new ArrayList<>();
            rows.add(withEntries ? new String[] {"KIND", "IDENTITY", "USERNAME", "GROUPS", "NODE", "BACKEND", "POLICIES"}
                    : new String[] {"KIND", "IDENTITY", "USERNAME", "GROUPS", "NODE"});
            for (ListedMapping m : entries) {
                String[] row = {m.kind(), String.valueOf(m.identity()), m.username() == null ? "" : m.username(),
                        String.join(",", m.groups()), m.node() ? "yes" : ""};
                if (withEntries) {
                    row = java.util.Arrays.copyOf(row, 7);
                    row[5] = m.backend();
                    row[6] = m.policies().stream().map(AccessPolicyGrant::label).collect(Collectors.joining("; "));
                }
                rows.add(row);
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            return out.toString();
        }
    },
    json {
        @Override
        String render(List<ListedMapping> entries) {
            return Json.pretty(asMaps(entries)) + "\n";
        }
    },
    yaml {
        @Override
        String render(List<ListedMapping> entries) {
            DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
            return new Dump(settings).dumpToString(asMaps(entries));
        }
    };

    abstract String render(List<ListedMapping> entries);

    static boolean isAccessEntry(ListedMapping m) {
        return Backend.ACCESS_ENTRIES.label().equals(m.backend());
    }

    static List<Map<String, Object>> asMaps(List<ListedMapping> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ListedMapping m : entries) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("kind", m.kind());
            map.put("identity", m.identity());
            map.put("username", m.username());
            map.put("groups", m.groups());
            map.put("node", m.node());
            if (isAccessEntry(m)) {
                map.put("backend", m.backend());
                List<Map<String, Object>> policies = new ArrayList<>();
                for (AccessPolicyGrant p : m.policies()) {
                    policies.add(Map.of("policy", p.name(), "namespaces", p.namespaces()));
                }
                map.put("accessPolicies", policies);
            }
            out.add(map);
        }
        return out;
    }
}
