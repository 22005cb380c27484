package dev.eksaccess.cli;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.eks.AwsAuthConfigMap;
import dev.eksaccess.eks.AwsAuthStore;
import dev.eksaccess.eks.WriteConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * aws-auth in a manifest file. The "version" is the SHA-256 of the bytes read, so a file edited by
 * someone else between read and write is a conflict, not an overwrite. Writes go to a temp file in
 * the same folder and are renamed over the original: the file is never left truncated.
 */
final class ManifestFileStore implements AwsAuthStore {
    private final Path file;
    private ConfigMapManifest manifest;

    ManifestFileStore(Path file) {
        this.file = file;
    }

    @Override
    public Optional<AwsAuthConfigMap> read() {
        byte[] bytes = readBytes();
        manifest = ConfigMapManifest.parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
        return Optional.of(new AwsAuthConfigMap(manifest.data(), manifest.annotations(), sha256(bytes)));
    }

    @Override
    public void write(AwsAuthConfigMap current, Map<String, String> data, Map<String, String> annotations) {
        if (current == null || !sha256(readBytes()).equals(current.resourceVersion())) {
            throw new WriteConflictException(file + " changed since it was read");
        }
        String rendered = manifest.with(data, annotations).render();
        Path temp = null;
        try {
            // A symlinked manifest is rewritten where it lives; renaming over the link would replace the
            // link with a copy and leave the real file stale.
            Path target = file.toRealPath();
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            Files.writeString(temp, rendered, StandardCharsets.UTF_8);
            copyPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + reason(e)
                    + " (the original is unchanged)", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The manifest with new data, without touching the file (for -o -). */
    String render(Map<String, String> data, Map<String, String> annotations) {
        return manifest.with(data, annotations).render();
    }

    @Override
    public String describe() {
        return file.toString();
    }

    private byte[] readBytes() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--file", file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("--file", "cannot read " + file + ": " + reason(e));
        }
    }

    /** The OS's reason without the path, which the messages already name. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof FileSystemException || e.getMessage() == null) {
            return e.getClass().getSimpleName();
        }
        return e.getMessage();
    }

    private static void copyPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (source != null) {
            Files.setPosixFilePermissions(temp, source.readAttributes().permissions());
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temp file is hidden and harmless
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
