package dev.eksaccess.cli;

import dev.eksaccess.eks.AwsAuthConfigMap;
import dev.eksaccess.eks.AwsAuthStore;
import dev.eksaccess.eks.WriteConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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
            Path dir = file.toAbsolutePath().getParent();
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            Files.writeString(temp, rendered, StandardCharsets.UTF_8);
            copyPermissions(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + " (the original is unchanged)", e);
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
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private void copyPermissions(Path temp) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(file, PosixFileAttributeView.class);
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
