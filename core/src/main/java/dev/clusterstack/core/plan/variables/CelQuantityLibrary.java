package dev.clusterstack.core.plan.variables;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' CEL quantity library ({@code quantity}, {@code isQuantity}, {@code sign}, {@code isGreaterThan},
 * {@code isLessThan}, {@code compareTo}, {@code add}, {@code sub}, {@code asInteger}, {@code isInteger},
 * {@code asApproximateFloat}) over exact decimal values.
 */
final class CelQuantityLibrary {
    static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    /** Kubernetes' quantity syntax (resource.ParseQuantity): a signed decimal, then a binary or decimal suffix or exponent. */
    private static final Pattern QUANTITY_SYNTAX = Pattern.compile(
            "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$");

    private CelQuantityLibrary() {
    }

    /** Declares the quantity functions on the opaque {@link #QUANTITY} type. */
    static void declare(List<CelFunctionDecl> decls) {
        decls.add(CelFunctionDecl.newFunctionDeclaration("quantity",
                CelOverloadDecl.newGlobalOverload("k8s_string_to_quantity", QUANTITY, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isQuantity",
                CelOverloadDecl.newGlobalOverload("k8s_is_quantity_string", SimpleType.BOOL, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("sign",
                CelOverloadDecl.newMemberOverload("k8s_quantity_sign", SimpleType.INT, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isGreaterThan",
                CelOverloadDecl.newMemberOverload("k8s_quantity_is_greater_than", SimpleType.BOOL, QUANTITY, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isLessThan",
                CelOverloadDecl.newMemberOverload("k8s_quantity_is_less_than", SimpleType.BOOL, QUANTITY, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("compareTo",
                CelOverloadDecl.newMemberOverload("k8s_quantity_compare_to", SimpleType.INT, QUANTITY, QUANTITY)));
        for (String op : List.of("add", "sub")) {
            decls.add(CelFunctionDecl.newFunctionDeclaration(op,
                    CelOverloadDecl.newMemberOverload("k8s_quantity_" + op, QUANTITY, QUANTITY, QUANTITY),
                    CelOverloadDecl.newMemberOverload("k8s_quantity_" + op + "_int", QUANTITY, QUANTITY, SimpleType.INT)));
        }
        decls.add(CelFunctionDecl.newFunctionDeclaration("asInteger",
                CelOverloadDecl.newMemberOverload("k8s_quantity_as_integer", SimpleType.INT, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isInteger",
                CelOverloadDecl.newMemberOverload("k8s_quantity_is_integer", SimpleType.BOOL, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("asApproximateFloat",
                CelOverloadDecl.newMemberOverload("k8s_quantity_as_approximate_float", SimpleType.DOUBLE, QUANTITY)));
    }

    /** Binds the quantity functions to {@link Quantity} values. */
    static void bind(List<CelFunctionBinding> b) {
        b.add(CelFunctionBinding.from("k8s_string_to_quantity", String.class, s -> {
            Quantity q = parseQuantity(s);
            if (q == null) {
                throw new IllegalArgumentException("quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            return q;
        }));
        b.add(CelFunctionBinding.from("k8s_is_quantity_string", String.class, s -> parseQuantity(s) != null));
        b.add(CelFunctionBinding.from("k8s_quantity_sign", Quantity.class, q -> (long) q.value.signum()));
        b.add(CelFunctionBinding.from("k8s_quantity_is_greater_than", Quantity.class, Quantity.class,
                (x, y) -> x.value.compareTo(y.value) > 0));
        b.add(CelFunctionBinding.from("k8s_quantity_is_less_than", Quantity.class, Quantity.class,
                (x, y) -> x.value.compareTo(y.value) < 0));
        b.add(CelFunctionBinding.from("k8s_quantity_compare_to", Quantity.class, Quantity.class,
                (x, y) -> (long) Integer.signum(x.value.compareTo(y.value))));
        b.add(CelFunctionBinding.from("k8s_quantity_add", Quantity.class, Quantity.class,
                (x, y) -> new Quantity(x.value.add(y.value))));
        b.add(CelFunctionBinding.from("k8s_quantity_add_int", Quantity.class, Long.class,
                (x, y) -> new Quantity(x.value.add(BigDecimal.valueOf(y)))));
        b.add(CelFunctionBinding.from("k8s_quantity_sub", Quantity.class, Quantity.class,
                (x, y) -> new Quantity(x.value.subtract(y.value))));
        b.add(CelFunctionBinding.from("k8s_quantity_sub_int", Quantity.class, Long.class,
                (x, y) -> new Quantity(x.value.subtract(BigDecimal.valueOf(y)))));
        b.add(CelFunctionBinding.from("k8s_quantity_as_integer", Quantity.class, q -> {
            if (!q.isInteger()) {
                throw new IllegalArgumentException("cannot convert value to integer");
            }
            return q.value.longValueExact();
        }));
        b.add(CelFunctionBinding.from("k8s_quantity_is_integer", Quantity.class, Quantity::isInteger));
        b.add(CelFunctionBinding.from("k8s_quantity_as_approximate_float", Quantity.class, q -> q.value.doubleValue()));
    }

    /** A Kubernetes quantity (resource.Quantity) as CEL sees it: its exact value; equal when the values are. */
    static final class Quantity {
        final BigDecimal value;

        Quantity(BigDecimal value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Quantity q && q.value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }

        boolean isInteger() {
            return value.stripTrailingZeros().scale() <= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
        }
    }

    static Quantity parseQuantity(String s) {
        Matcher m = QUANTITY_SYNTAX.matcher(s);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1).endsWith(".")
                ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal factor = switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "Ki" -> BigDecimal.valueOf(2).pow(10);
            case "Mi" -> BigDecimal.valueOf(2).pow(20);
            case "Gi" -> BigDecimal.valueOf(2).pow(30);
            case "Ti" -> BigDecimal.valueOf(2).pow(40);
            case "Pi" -> BigDecimal.valueOf(2).pow(50);
            case "Ei" -> BigDecimal.valueOf(2).pow(60);
            case "n" -> BigDecimal.ONE.scaleByPowerOfTen(-9);
            case "u" -> BigDecimal.ONE.scaleByPowerOfTen(-6);
            case "m" -> BigDecimal.ONE.scaleByPowerOfTen(-3);
            case "k" -> BigDecimal.ONE.scaleByPowerOfTen(3);
            case "M" -> BigDecimal.ONE.scaleByPowerOfTen(6);
            case "G" -> BigDecimal.ONE.scaleByPowerOfTen(9);
            case "T" -> BigDecimal.ONE.scaleByPowerOfTen(12);
            case "P" -> BigDecimal.ONE.scaleByPowerOfTen(15);
            case "E" -> BigDecimal.ONE.scaleByPowerOfTen(18);
            default -> BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        };
        return new Quantity(number.multiply(factor));
    }
}
