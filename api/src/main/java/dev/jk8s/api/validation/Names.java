package dev.jk8s.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes' naming rules (RFC 1123 labels and subdomains, label keys and values). */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern IANA_SVC_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
    private static final Pattern IPV4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    private Names() {
    }

    /** Why the value is not an RFC 1123 label (names of namespaces, services, containers, ports), or empty. */
    public static Optional<String> dnsLabelError(String value) {
        if (value.length() > 63) {
            return Optional.of("must be no more than 63 characters");
        }
        if (!DNS_LABEL.matcher(value).matches()) {
            return Optional.of("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')");
        }
        return Optional.empty();
    }

    /** Why the value is not an RFC 1123 subdomain (most object names), or empty. */
    public static Optional<String> dnsSubdomainError(String value) {
        if (value.length() > 253) {
            return Optional.of("must be no more than 253 characters");
        }
        if (!DNS_SUBDOMAIN.matcher(value).matches()) {
            return Optional.of("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')");
        }
        return Optional.empty();
    }

    /**
     * Why the value cannot be one segment of a URL path (the names of RBAC objects, which may hold
     * colons: {@code system:node}), or empty: it may not be {@code .} or {@code ..}, nor contain
     * {@code /} or {@code %}. Kubernetes' {@code path.IsValidPathSegmentName}.
     */
    public static Optional<String> pathSegmentNameError(String value) {
        if (value.equals(".") || value.equals("..")) {
            return Optional.of("may not be '" + value + "'");
        }
        List<String> why = new ArrayList<>();
        for (String bad : List.of("/", "%")) {
            if (value.contains(bad)) {
                why.add("may not contain '" + bad + "'");
            }
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", why));
    }

    /** Why the value is not a valid label value, or empty. */
    public static Optional<String> labelValueError(String value) {
        if (value.length() > 63) {
            return Optional.of("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            return Optional.of("a valid label must be an empty string or consist of alphanumeric characters, "
                    + "'-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return Optional.empty();
    }

    /** Why the value is not a valid label or annotation key ({@code [prefix/]name}), or empty. */
    public static Optional<String> qualifiedNameError(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            Optional<String> prefix = dnsSubdomainError(key.substring(0, slash));
            if (prefix.isPresent()) {
                return Optional.of("prefix part " + prefix.get());
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            return Optional.of("name part must consist of 1 to 63 alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character, with an optional DNS subdomain "
                    + "prefix and '/' (e.g. 'example.com/MyName')");
        }
        return Optional.empty();
    }

    /**
     * Why the value is not an IANA service name (a port name such as {@code http} or
     * {@code metrics-tls}: at most 15 lowercase letters, digits and single hyphens), or empty.
     */
    public static Optional<String> ianaSvcNameError(String value) {
        List<String> why = new ArrayList<>();
        if (value.length() > 15) {
            why.add("must be no more than 15 characters");
        }
        if (!IANA_SVC_CHARS.matcher(value).matches()) {
            why.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (value.contains("--")) {
            why.add("must not contain consecutive hyphens");
        }
        if (!HAS_LETTER.matcher(value).matches()) {
            why.add("must contain at least one letter (a-z)");
        }
        if (value.startsWith("-") || value.endsWith("-")) {
            why.add("must not begin or end with a hyphen");
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", why));
    }

    /** Whether the value is a dotted-quad IPv4 address; leading zeros are refused, as Go's parser does. */
    public static boolean isIPv4(String value) {
        String[] octets = value.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (!IPV4_OCTET.matcher(o).matches() || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
