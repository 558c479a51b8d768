package dev.jk8s.apiserver.registry.allocation;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;

/**
 * A range of values a bitmap's offsets stand for: the IPv4 addresses of a CIDR (without its
 * network and broadcast addresses, as Kubernetes leaves them out), or a span of ports. Immutable.
 */
sealed interface IntRange permits IntRange.Cidr, IntRange.Ports {

    /** How many values. */
    int size();

    /** The offset of {@code value}, or empty when it is not in the range (or not a value at all). */
    OptionalInt offset(String value);

    String value(int offset);

    /** How messages name the range: {@code 10.96.0.0/12}, {@code 30000-32767}. */
    String describe();

    /** IPv4 only; prefixes from /8 to /30. */
    record Cidr(String cidr, long base, int size) implements IntRange {

        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/");
            int prefix;
            long address;
            try {
                prefix = Integer.parseInt(parts[1]);
                address = toLong(InetAddress.getByName(parts[0]).getAddress());
            } catch (RuntimeException | UnknownHostException e) {
                throw new IllegalArgumentException("invalid CIDR \"" + cidr + "\": expected IPv4 address/prefix, e.g. 10.96.0.0/12");
            }
            if (prefix < 8 || prefix > 30) {
                throw new IllegalArgumentException("invalid CIDR \"" + cidr + "\": the prefix must be between /8 and /30");
            }
            long mask = (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            long network = address & mask;
            return new Cidr(ipOf(network) + "/" + prefix, network + 1, (int) ((1L << (32 - prefix)) - 2));
        }

        @Override
        public OptionalInt offset(String value) {
            try {
                byte[] b = InetAddress.getByName(value).getAddress();
                if (b.length != 4 || !value.matches("[0-9.]+")) {
                    return OptionalInt.empty();
                }
                long o = toLong(b) - base;
                return o >= 0 && o < size ? OptionalInt.of((int) o) : OptionalInt.empty();
            } catch (UnknownHostException e) {
                return OptionalInt.empty();
            }
        }

        @Override
        public String value(int offset) {
            return ipOf(base + offset);
        }

        @Override
        public String describe() {
            return cidr;
        }

        private static long toLong(byte[] b) {
            return new BigInteger(1, b).longValue();
        }

        private static String ipOf(long v) {
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
    }

    record Ports(int first, int last) implements IntRange {

        static Ports parse(String span) {
            String[] parts = span.split("-");
            try {
                Ports p = new Ports(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
                if (p.first < 1 || p.last > 65535 || p.first > p.last) {
                    throw new IllegalArgumentException();
                }
                return p;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid port range \"" + span + "\": expected FIRST-LAST within 1-65535, e.g. 30000-32767");
            }
        }

        @Override
        public int size() {
            return last - first + 1;
        }

        @Override
        public OptionalInt offset(String value) {
            try {
                int v = Integer.parseInt(value);
                return v >= first && v <= last ? OptionalInt.of(v - first) : OptionalInt.empty();
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }

        @Override
        public String value(int offset) {
            return String.valueOf(first + offset);
        }

        @Override
        public String describe() {
            return first + "-" + last;
        }
    }
}
