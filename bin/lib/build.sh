# Sourced by bin/cluster and bin/jctl: build a module's runnable jar when it is stale.
# Expects ROOT (the repository root). Prints only to stderr, so a command's stdout stays clean.

JK8S_VERSION=0.1.0-SNAPSHOT

# runnable_jar MODULE: path of MODULE's shaded jar.
runnable_jar() { echo "$ROOT/$1/target/jk8s-$1-$JK8S_VERSION-all.jar"; }

# ensure_jar MODULE: build MODULE and the modules it needs (mvn package -DskipTests) if its
# runnable jar is missing or older than a pom or a source of MODULE or of the shared layers
# (proto, api, client; for the node agent also kubelet and proxy) — a quick check, not Maven's
# dependency graph.
ensure_jar() {
  local module=$1 jar dirs=() dir hosted=()
  jar=$(runnable_jar "$module")
  [[ $module == node ]] && hosted=(kubelet proxy)
  for dir in proto api client "${hosted[@]}" "$module"; do
    [[ -d $ROOT/$dir ]] && dirs+=("$ROOT/$dir/pom.xml" "$ROOT/$dir/src")
  done
  if [[ -f $jar ]] && [[ -z $(find "$ROOT/pom.xml" "${dirs[@]}" -newer "$jar" -print -quit 2>/dev/null) ]]; then
    return 0
  fi
  printf '%s: building %s (mvn package -DskipTests)\n' "${0##*/}" "$module" >&2
  # Debian's Maven 3.8 prints bare colour resets even in batch mode: strip them.
  if ! (cd "$ROOT" && mvn -B -q -ntp package -DskipTests -pl "$module" -am </dev/null 2>&1 \
      | sed 's/\x1b\[[0-9;]*m//g') >&2; then
    printf '%s: error: building %s failed (see the Maven output above)\n' "${0##*/}" "$module" >&2
    exit 1
  fi
  [[ -f $jar ]] || { printf '%s: error: the build did not produce %s\n' "${0##*/}" "$jar" >&2; exit 1; }
}
