package dev.eksaccess.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** P3: the size of the deployment artifact (SAM CodeUri), and what takes the room in it. */
final class JarSizeFigure {
    static final long TARGET_BYTES = 20_000_000;
    private final BenchConfig config;

    JarSizeFigure(BenchConfig config) {
        this.config = config;
    }

    List<Figure> measure() throws Exception {
        Path jar = config.functionsJar();
        if (!Files.isRegularFile(jar)) {
            return List.of(Figure.notMeasured("P3", "functions jar size", "<= 20 MB", jar + " not built"));
        }
        long size = Files.size(jar);
        config.note("P3: " + jar.getFileName() + " = " + size + " bytes; stored (compressed) bytes by part: "
                + breakdown(jar));
        return List.of(Figure.check("P3", "size of functions/target/eks-access-functions.jar",
                String.format(Locale.ROOT, "%.1f MB", size / 1e6), "<= 20 MB", size <= TARGET_BYTES));
    }

    /** Compressed size per part (SDK service modules, fabric8 models, ...), largest first. */
    private static String breakdown(Path jar) throws Exception {
        Map<String, Long> parts = new TreeMap<>();
        int entries = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                entries++;
                parts.merge(part(entry.getName()), Math.max(0, entry.getCompressedSize()), Long::sum);
            }
        }
        StringBuilder b = new StringBuilder();
        parts.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(12)
                .forEach(p -> b.append(b.length() == 0 ? "" : ", ").append(p.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f MB", p.getValue() / 1e6)));
        return b + " (" + entries + " entries)";
    }

    private static String part(String name) {
        String[] p = name.split("/");
        if (name.startsWith("software/amazon/awssdk/services/") && p.length > 5) {
            return "sdk:" + p[4];
        }
        if (name.startsWith("software/amazon/awssdk/")) {
            return "sdk-core";
        }
        if (name.startsWith("io/fabric8/kubernetes/api/model/")) {
            return p.length > 6 && !p[5].endsWith(".class") ? "model:" + p[5] : "model:core";
        }
        if (name.startsWith("io/fabric8/")) {
            return "fabric8-client";
        }
        if (name.startsWith("tools/jackson/") || name.startsWith("com/fasterxml/")) {
            return "jackson";
        }
        return p.length > 1 ? p[0] + "/" + p[1] : p[0];
    }
}
