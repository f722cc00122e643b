package dev.clusterstack.core.plan.variables;

/**
 * A field error as Kubernetes' {@code field.Error} has it; {@link #message()} is its {@code ErrorBody()}.
 *
 * @param type the error type
 * @param field the field path
 * @param badValue the bad value as Cluster API sets it (the raw JSON text), {@code null} to omit it
 * @param detail the detail, may be empty
 * @param verbatim whether {@code badValue} is shown as it is (else quoted as Go's {@code %q})
 */
record FieldError(Type type, String field, String badValue, String detail, boolean verbatim) {

    FieldError(Type type, String field, String badValue, String detail) {
        this(type, field, badValue, detail, false);
    }

    /** A field error whose bad value is shown as given (Go's {@code %v} of a number, say), not quoted. */
    static FieldError verbatim(Type type, String field, String shownValue, String detail) {
        return new FieldError(type, field, shownValue, detail, true);
    }

    /** Kubernetes' {@code field.ErrorType}s with their texts. */
    enum Type {
        INVALID("Invalid value"),
        TYPE_INVALID("Invalid value"),
        NOT_SUPPORTED("Unsupported value"),
        REQUIRED("Required value"),
        TOO_MANY("Too many"),
        TOO_LONG("Too long"),
        FORBIDDEN("Forbidden"),
        DUPLICATE("Duplicate value"),
        INTERNAL("Internal error");

        private final String text;

        Type(String text) {
            this.text = text;
        }
    }

    String message() {
        StringBuilder s = new StringBuilder(type.text);
        boolean omitValue = badValue == null || switch (type) {
            case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> true;
            default -> false;
        };
        if (!omitValue) {
            s.append(": ").append(verbatim ? badValue : GoText.quote(badValue));
        }
        if (detail != null && !detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    VariableFinding toFinding() {
        return new VariableFinding(Severity.ERROR, field, message());
    }
}
