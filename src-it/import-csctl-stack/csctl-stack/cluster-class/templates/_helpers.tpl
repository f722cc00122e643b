{{- define "mini.name" -}}
{{ .Release.Name }}-{{ .Chart.Version }}
{{- end }}
