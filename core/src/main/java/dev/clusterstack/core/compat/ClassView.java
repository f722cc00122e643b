package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the comparison reads from a rendered ClusterClass and the objects rendered with it. Template
 * references are read from v1beta1 ({@code ref}, worker templates under {@code template}) and v1beta2
 * ({@code templateRef}, worker templates directly on the class) alike, see {@link TemplateRef#of}.
 *
 * @param name                            the ClusterClass name
 * @param refField                        {@code ref} (v1beta1) or {@code templateRef} (v1beta2), for paths in messages
 * @param infrastructure                  {@code spec.infrastructure}
 * @param controlPlane                    {@code spec.controlPlane}
 * @param controlPlaneMachineInfrastructure {@code spec.controlPlane.machineInfrastructure}, or null when absent
 * @param machineDeployments              machine deployment classes by class name, in class order
 * @param machinePools                    machine pool classes by class name, in class order
 * @param variables                       variables by name, in class order
 * @param patches                         patches (as JSON) by name, in class order
 * @param objects                         every rendered object by {@code kind/name}, in render order
 */
public record ClassView(String name, String refField, TemplateRef infrastructure, TemplateRef controlPlane,
                        TemplateRef controlPlaneMachineInfrastructure, Map<String, WorkerClass> machineDeployments,
                        Map<String, WorkerClass> machinePools, Map<String, Variable> variables,
                        Map<String, JsonNode> patches, Map<String, JsonNode> objects) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A machine deployment or machine pool class: its bootstrap and infrastructure templates. */
    public record WorkerClass(String className, TemplateRef bootstrap, TemplateRef infrastructure) {
    }

    /** A ClusterClass variable: {@code required} and {@code schema.openAPIV3Schema}. */
    public record Variable(String name, boolean required, JsonNode schema) {
    }

    public ClassView {
        machineDeployments = Collections.unmodifiableMap(new LinkedHashMap<>(machineDeployments));
        machinePools = Collections.unmodifiableMap(new LinkedHashMap<>(machinePools));
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        patches = Collections.unmodifiableMap(new LinkedHashMap<>(patches));
        objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    }

    /**
     * Reads a ClusterClass.
     *
     * @param clusterClass the rendered ClusterClass
     * @param rendered     every object rendered with it (templates included)
     * @return the view
     */
    public static ClassView read(Map<String, Object> clusterClass, List<Map<String, Object>> rendered) {
        Map<?, ?> spec = map(clusterClass.get("spec"));
        Map<?, ?> controlPlane = map(spec.get("controlPlane"));
        Map<?, ?> workers = map(spec.get("workers"));
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (Object v : list(spec.get("variables"))) {
            Map<?, ?> variable = map(v);
            String name = String.valueOf(variable.get("name"));
            JsonNode schema = JSON.valueToTree(map(map(variable.get("schema")).get("openAPIV3Schema")));
            variables.put(name, new Variable(name, Boolean.TRUE.equals(variable.get("required")), schema));
        }
        Map<String, JsonNode> patches = new LinkedHashMap<>();
        for (Object p : list(spec.get("patches"))) {
            patches.put(String.valueOf(map(p).get("name")), JSON.valueToTree(p));
        }
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        for (Map<String, Object> o : rendered) {
            objects.put(o.get("kind") + "/" + map(o.get("metadata")).get("name"), JSON.valueToTree(o));
        }
        String refField = String.valueOf(clusterClass.get("apiVersion")).endsWith("/v1beta1") ? "ref" : "templateRef";
        return new ClassView(String.valueOf(map(clusterClass.get("metadata")).get("name")), refField,
                TemplateRef.of(spec.get("infrastructure")), TemplateRef.of(controlPlane),
                TemplateRef.of(controlPlane.get("machineInfrastructure")), workers(workers.get("machineDeployments")),
                workers(workers.get("machinePools")), variables, patches, objects);
    }

    /** @return the rendered object a reference points at, or a JSON null when the chart does not render it */
    public JsonNode object(TemplateRef ref) {
        JsonNode o = ref == null ? null : objects.get(ref.kind() + "/" + ref.name());
        return o == null ? NullNode.getInstance() : o;
    }

    private static Map<String, WorkerClass> workers(Object classes) {
        Map<String, WorkerClass> out = new LinkedHashMap<>();
        for (Object c : list(classes)) {
            Map<?, ?> worker = map(c);
            // v1beta1 nests bootstrap and infrastructure under template, v1beta2 does not
            Map<?, ?> template = worker.containsKey("template") ? map(worker.get("template")) : worker;
            String name = String.valueOf(worker.get("class"));
            out.put(name, new WorkerClass(name, TemplateRef.of(template.get("bootstrap")),
                    TemplateRef.of(template.get("infrastructure"))));
        }
        return out;
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
