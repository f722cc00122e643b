package dev.clusterstack.core.model;

import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Absent" and "given empty" are two explicit states of a collection, not two object identities. */
class GivenEmptyTest {

    @Test
    void nullAndUnmarkedEmptyCollectionsAreAbsentAndLeftOut() {
        assertTrue(Copies.isAbsent(null));
        assertTrue(Copies.isAbsent(new ArrayList<>()));
        assertTrue(Copies.isAbsent(new LinkedHashMap<>()));
        assertTrue(Copies.isAbsent(Copies.list(new ArrayList<String>())));
        assertFalse(Copies.isAbsent(List.of("x")));
        KubeadmConfigSpec spec = KubeadmConfigSpec.builder().files(new ArrayList<>()).build();
        assertEquals(Map.of("files", List.of()), Writer.recordToMap(spec),
                "a list built by appending nothing is given: the builder's lists are what the author wrote");
        assertEquals(Map.of(), Writer.recordToMap(KubeadmConfigSpec.builder().build()));
    }

    @Test
    void givenEmptyCollectionsSurviveCopiesAndAreWritten() {
        assertFalse(Copies.isAbsent(Copies.givenEmptyList()));
        assertFalse(Copies.isAbsent(Copies.givenEmptyMap()));
        assertFalse(Copies.isAbsent(Copies.list(Copies.givenEmptyList())));
        assertFalse(Copies.isAbsent(Copies.map(Copies.givenEmptyMap())));
        assertEquals(List.of(), Copies.givenEmptyList(), "reads as any empty list");
        KubeadmConfigSpec kept = KubeadmConfigSpec.builder().build().toBuilder().keepEmpty("files", "users").build();
        assertEquals(Map.of("files", List.of(), "users", List.of()), Writer.recordToMap(kept),
                "files: [] stays for the patches that append to it");
    }

    @Test
    void appendingToAGivenEmptyListKeepsTheItems() {
        KubeadmConfigSpec spec = KubeadmConfigSpec.builder().build().toBuilder().keepEmpty("files").build()
                .toBuilder().file(File.of("/etc/motd", "0644", "hello\n")).build();
        assertEquals(1, spec.files().size());
        assertFalse(Copies.isAbsent(spec.files()));
    }
}
