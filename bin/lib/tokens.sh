# Sourced by bin/cluster: the cluster's static identities and their bearer tokens.
#
# ensure_tokens DIR NAME|USER|GROUPS...  makes DIR/NAME.token (mode 0600, 32 random bytes, base64url)
# for each identity that has none yet, keeps those that exist, then writes DIR/tokens.csv (0600) for
# the apiserver's --token-auth-file: one line per identity with the SHA-256 of its token, never the
# token itself (sha256:<hex>,USER,uid,"GROUPS"; GROUPS comma-separated, may be empty).
# Prints nothing; fails with a message on stderr.

new_token() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

token_hash() { printf 'sha256:%s' "$(printf %s "$1" | sha256sum | cut -d' ' -f1)"; }

ensure_tokens() {
  local dir=$1 entry name user groups file csv
  shift
  mkdir -p "$dir"
  chmod 700 "$dir"
  csv=$(umask 077 && mktemp "$dir/tokens.csv.XXXXXX")
  for entry in "$@"; do
    IFS='|' read -r name user groups <<<"$entry"
    file=$dir/$name.token
    if [[ ! -s $file ]]; then
      (umask 077 && new_token >"$file")
    fi
    printf '%s,%s,jk8s-%s,"%s"\n' "$(token_hash "$(<"$file")")" "$user" "$name" "$groups" >>"$csv"
  done
  mv "$csv" "$dir/tokens.csv"
}
