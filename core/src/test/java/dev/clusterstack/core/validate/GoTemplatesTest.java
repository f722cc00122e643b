package dev.clusterstack.core.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Go template syntax check used for enabledIf, valueFrom.template, naming strategies and overwrite.yaml. */
class GoTemplatesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "no action at all: { } }} ${VAR} `x`",
            "{{ .builtin.cluster.name }}",
            "{{- if .a -}}x{{- else if .b }}y{{ else }}z{{ end -}}",
            "{{ range $i, $v := .list }}{{ $i }}={{ $v }}{{ end }}",
            "{{ with .a }}{{ . }}{{ end }}",
            "{{ define \"t\" }}x{{ end }}{{ template \"t\" }}",
            "{{ printf \"%s}}\" .a }}",
            "{{ printf `}}{{` }}",
            "{{ \"\\\"}}\" }}",
            "{{/* a comment with }} inside */}}",
            "{{- /* trimmed comment */ -}}",
            "{{ (index .a 0) | quote }}",
            "{{ '}' }}",
            "line 1\n{{ .a }}\nline 3",
    })
    void accepts(String template) {
        assertEquals(Optional.empty(), GoTemplates.check(template));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {{ .a                          | unclosed action '{{' on line 1 (missing '}}')
            x\\ny\\n{{ .a }\\n              | unclosed action '{{' on line 3 (missing '}}')
            {{ "abc }}                     | unclosed string literal in the action on line 1
            {{ `abc }}                     | unclosed raw string in the action on line 1
            {{ "a\\nb" }}                  | string literal broken by a newline on line 1
            {{ if .a }}x                   | 'if' is never closed with {{ end }}
            {{ range .a }}{{ if .b }}{{ end }} | 'range' is never closed with {{ end }}
            x{{ end }}                     | 'end' without if/range/with/define on line 1
            {{ else }}                     | 'else' outside if/range/with on line 1
            {{ }}                          | empty action '{{}}' on line 1
            {{ .a {{ .b }}                 | '{{' inside an action on line 1 (missing '}}')
            {{ (len .a }}                  | unbalanced '(' in the action on line 1
            {{ len .a) }}                  | unbalanced ')' in the action on line 1
            {{/* open comment }}           | unclosed comment starting on line 1
            {{/* c */ .a }}                | comment on line 1 must end with */}}
            """)
    void rejects(String template, String message) {
        assertEquals(Optional.of(message), GoTemplates.check(template.replace("\\n", "\n")));
    }
}
