package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseFoldersTest {

    private static Path release(Path releases, ReleaseMetadata metadata, ReleaseHashes hashes) throws IOException {
        Path folder = releases.resolve(ReleaseFolders.folderName("openstack", "scs", metadata.kubernetesMinorDash(),
                metadata.versions().clusterStack()));
        AtomicDirectory.replace(folder, dir -> {
            metadata.write(dir.resolve(ReleaseMetadata.FILE_NAME));
            if (hashes != null) {
                hashes.write(dir.resolve(ReleaseHashes.FILE_NAME));
            }
        });
        return folder;
    }

    private static ReleaseMetadata metadata(String k8s, String cs, String ca, String ni) {
        return new ReleaseMetadata(k8s, new ReleaseVersions(StackVersion.parse(cs), StackVersion.parse(ca),
                StackVersion.parse(ni)));
    }

    @Test
    void folderNames() {
        assertEquals("openstack-scs-1-32-v3", ReleaseFolders.folderName("openstack", "scs", "1-32", StackVersion.stable(3)));
        assertEquals("docker-ferrol-1-27-v0-sha.3960147",
                ReleaseFolders.folderName("docker", "ferrol", "1-27", StackVersion.parse("v0-sha.3960147")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReleaseFolders.folderName("open-stack", "scs", "1-32", StackVersion.stable(1)));
        assertTrue(e.getMessage().contains("provider") && e.getMessage().contains("'open-stack'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReleaseFolders.folderName("openstack", "scs", "1.32", StackVersion.stable(1)));
    }

    @Test
    void findsHighestStableReleaseIgnoringOthers(@TempDir Path releases) throws IOException {
        ReleaseHashes h = new ReleaseHashes("stack", "addon", "", "image");
        release(releases, metadata("v1.32.1", "v9", "v3", "v1"), h);
        Path v10 = release(releases, metadata("v1.32.5", "v10", "v4", "v2"), h);
        release(releases, metadata("v1.32.5", "v0-sha.zzzzzzz", "v0-sha.zzzzzzz", "v0-sha.zzzzzzz"), h);
        release(releases, metadata("v1.33.0", "v11", "v1", "v1"), h);
        Files.createDirectories(releases.resolve(".openstack-scs-1-32-v12.atomic-tmp-0123456789abcdef"));
        Files.writeString(releases.resolve("openstack-scs-1-32-v13"), "a file, not a release folder\n");
        Files.createDirectories(releases.resolve("openstack-scs-1-32-v014"));
        Files.createDirectories(releases.resolve("docker-scs-1-32-v20"));

        Optional<PreviousRelease> found = ReleaseFolders.findPrevious(releases, "openstack", "scs", "1-32");
        assertTrue(found.isPresent());
        assertEquals(v10, found.get().folder());
        assertEquals("v10", found.get().versions().clusterStack().toString());
        assertEquals(h, found.get().hashes());

        ReleaseVersions next = Versioner.stable(new ReleaseHashes("stack2", "addon2", "", "image"), found);
        assertEquals("v11 v5 v2", next.clusterStack() + " " + next.clusterAddon() + " " + next.nodeImage());
    }

    @Test
    void noPreviousRelease(@TempDir Path releases) throws IOException {
        assertEquals(Optional.empty(), ReleaseFolders.findPrevious(releases.resolve("missing"), "openstack", "scs", "1-32"));
        release(releases, metadata("v1.32.5", "v0-sha.abcdefg", "v0-sha.abcdefg", "v0-sha.abcdefg"),
                new ReleaseHashes("abcdefgh", "", "", ""));
        assertEquals(Optional.empty(), ReleaseFolders.findPrevious(releases, "openstack", "scs", "1-32"),
                "hash releases do not count");
    }

    @Test
    void missingHashesJsonIsAClearError(@TempDir Path releases) throws IOException {
        Path folder = release(releases, metadata("v1.32.5", "v2", "v1", "v1"), null);
        IOException e = assertThrows(IOException.class,
                () -> ReleaseFolders.findPrevious(releases, "openstack", "scs", "1-32"));
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("has no hashes.json"),
                e.getMessage());
    }

    @Test
    void metadataMustAgreeWithFolderName(@TempDir Path releases) throws IOException {
        Path folder = releases.resolve("openstack-scs-1-32-v5");
        Files.createDirectories(folder);
        metadata("v1.32.5", "v4", "v1", "v1").write(folder.resolve("metadata.yaml"));
        new ReleaseHashes("s", "", "", "").write(folder.resolve("hashes.json"));
        IOException e = assertThrows(IOException.class,
                () -> ReleaseFolders.findPrevious(releases, "openstack", "scs", "1-32"));
        assertTrue(e.getMessage().contains("versions.clusterStack is v4") && e.getMessage().contains("v5"),
                e.getMessage());

        metadata("v1.31.5", "v5", "v1", "v1").write(folder.resolve("metadata.yaml"));
        IOException k8s = assertThrows(IOException.class,
                () -> ReleaseFolders.findPrevious(releases, "openstack", "scs", "1-32"));
        assertTrue(k8s.getMessage().contains("versions.kubernetes"), k8s.getMessage());
    }
}
