package dev.clusterstack.build;

import dev.clusterstack.core.definition.StackDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loaded definitions shared by the steps of one project in one build (e.g. Maven's plugin context), so
 * {@code generate}, {@code package}, {@code docs} and {@code verify} read and validate each definition
 * once. An entry is used only while every file that went into it has the size and modification time
 * it had when it was loaded.
 */
public final class LoadedDefinitions {
    private static final String KEY = "clusterstack.loaded:";

    private record Entry(StackDefinition.Loaded loaded, Map<Path, String> stamps) {
    }

    private final Map<String, Object> context;

    /** @param context a map that lives as long as the build (Maven's plugin context), or {@code null} for no sharing */
    public LoadedDefinitions(Map<String, Object> context) {
        this.context = context;
    }

    public StackDefinition.Loaded get(Path file, Supplier<StackDefinition.Loaded> load) {
        if (context == null) {
            return load.get();
        }
        String key = KEY + file.toAbsolutePath().normalize();
        if (context.get(key) instanceof Entry e && e.stamps().equals(stamps(e.loaded().inputs()))) {
            return e.loaded();
        }
        StackDefinition.Loaded loaded = load.get();
        context.put(key, new Entry(loaded, stamps(loaded.inputs())));
        return loaded;
    }

    private static Map<Path, String> stamps(List<Path> files) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                out.put(f, a.size() + ":" + a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                out.put(f, "missing");
            }
        }
        return out;
    }
}
