package dev.eksaccess.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's own files (template.yaml, events/sandbox.yaml): in the working directory, else
 * at the root of the checkout the running jar was built in, so the commands work from any folder.
 */
final class ProjectFiles {
    private ProjectFiles() {
    }

    static Path locate(Path given) {
        if (given.isAbsolute() || Files.exists(given)) {
            return given;
        }
        try {
            Path code = Path.of(EksAccessCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // <root>/cli/target/eks-access.jar or <root>/cli/target/classes
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            if (root != null && root.getParent() != null && Files.exists(root.getParent().resolve(given))) {
                return root.getParent().resolve(given);
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through: report the path as given
        }
        return given;
    }
}
