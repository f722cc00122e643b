package dev.clusterstack.core.definition;

import dev.clusterstack.core.problem.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds where a YAML text crosses the nesting or the alias limit. snakeyaml's composer stops with a
 * message but no position; its parser, which keeps no tree and needs no recursion, gives every event
 * its place, so the events are replayed up to the limit.
 */
final class LimitLocator {
    private LimitLocator() {
    }

    /** The problem at the place the text crosses a limit, or {@code null} when it crosses none. */
    static Problem locate(String text, String file, int maxAliases, int maxDepth) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(text.length() + 1, 3 * 1024 * 1024));
        Parser parser = new ParserImpl(new StreamReader(text), options);
        int depth = 0;
        int aliases = 0;
        Mark firstAlias = null;
        Set<String> collections = new HashSet<>();
        try {
            while (parser.peekEvent() != null) {
                Event e = parser.getEvent();
                if (e instanceof CollectionStartEvent c) {
                    depth++;
                    if (c.getAnchor() != null) {
                        collections.add(c.getAnchor());
                    }
                    if (depth > maxDepth) {
                        return Problem.error("", "lists and mappings nest deeper than " + maxDepth + " levels (this"
                                + " project's limit): level " + (maxDepth + 1) + " starts here")
                                .at(YamlSource.location(file, c.getStartMark()));
                    }
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                } else if (e instanceof AliasEvent a && collections.contains(((NodeEvent) a).getAnchor())) {
                    aliases++;
                    if (firstAlias == null) {
                        firstAlias = a.getStartMark();
                    }
                    if (aliases > maxAliases) {
                        return Problem.error("", "more than " + maxAliases + " aliases of lists or mappings (an alias"
                                + " bomb? this project's limit): alias " + (maxAliases + 1) + ", *" + a.getAnchor()
                                + ", is here (the first is on line " + (firstAlias.getLine() + 1) + ")")
                                .at(YamlSource.location(file, a.getStartMark()));
                    }
                }
            }
        } catch (YAMLException e) {
            return null;
        }
        return null;
    }
}
