package dev.jk8s.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project version this code was built from, the same for every component of one build:
 * Maven packages it into each jar (and every shaded component jar) as the API module's
 * {@code pom.properties}. Classes run from {@code target/classes} report {@code (development build)}.
 */
public final class BuildInfo {

    private static final String POM = "/META-INF/maven/dev.jk8s/jk8s-api/pom.properties";
    private static volatile String version;

    private BuildInfo() {
    }

    public static String version() {
        String v = version;
        if (v == null) {
            v = read();
            version = v;
        }
        return v;
    }

    private static String read() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String v = pom.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: an unreadable entry is as good as none
        }
        return "(development build)";
    }
}
