# Sourced by bin/cluster (and by the tests' Pki fixture): the cluster's certificates, made with openssl.
#
#   ensure_pki DIR             the cluster CA and the apiserver's certificates in DIR
#   ensure_node_cert DIR NODE  node NODE's kubelet serving certificate in DIR (after ensure_pki)
#
# Files (PEM; keys PKCS#8, as Netty reads them, mode 0600; DIR mode 0700):
#   ca.crt, ca.key                                   the cluster CA, CN jk8s-ca, 10 years
#   apiserver.crt, apiserver.key                     the apiserver's serving certificate: IP:127.0.0.1,
#                                                    DNS:localhost, IP:10.96.0.1 (the `kubernetes` Service)
#                                                    and docker0's IPv4 address when there is a docker0
#   apiserver-kubelet-client.crt, .key               what the apiserver shows kubelets: CN
#                                                    kube-apiserver-kubelet-client, O system:masters
#   kubelet-NODE.crt, kubelet-NODE.key               NODE's kubelet serving certificate: IP:127.0.0.1
# Leaf certificates last a year. Idempotent: a file that is valid is kept; a certificate (with its key)
# is made again when either is missing, when it expires within 30 days, when the CA no longer verifies
# it, or when its names differ from those wanted (docker0 appeared or moved). A new CA renews them all.
# Keys are EC P-256: quick to make and to handshake with. Prints what it made, to stderr.

PKI_RENEW_SECONDS=$((30 * 24 * 3600))
PKI_SERVICE_IP=10.96.0.1

pki_say() { printf '%s: pki: %s\n' "${0##*/}" "$*" >&2; }

# pki_fresh CERT: CERT exists with its key and is valid for 30 days more.
pki_fresh() {
  [[ -s $1 && -s ${1%.crt}.key ]] && openssl x509 -in "$1" -noout -checkend "$PKI_RENEW_SECONDS" >/dev/null 2>&1
}

# pki_key FILE: a new PKCS#8 EC P-256 private key, readable by its owner only.
pki_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null)
  chmod 600 "$1"
}

# pki_sans CERT: its subject alternative names as "IP:a,DNS:b" (openssl prints "IP Address:a, DNS:b").
pki_sans() {
  openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null | sed -n '2p' \
    | sed 's/IP Address:/IP:/g; s/^ *//; s/, /,/g'
}

pki_ensure_ca() {
  local dir=$1
  pki_fresh "$dir/ca.crt" && return 0
  pki_key "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 3650 -subj "/CN=jk8s-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.crt" 2>/dev/null || { pki_say "error: openssl could not make the CA in $dir"; return 1; }
  # certificates of an earlier CA would not verify any more
  rm -f "$dir"/apiserver*.crt "$dir"/kubelet-*.crt
  pki_say "made the cluster CA $dir/ca.crt"
}

# pki_ensure_leaf DIR NAME SUBJECT USAGE [SANS]: DIR/NAME.crt and .key signed by DIR's CA;
# USAGE serverAuth or clientAuth; SANS as "IP:127.0.0.1,DNS:localhost".
pki_ensure_leaf() {
  local dir=$1 name=$2 subject=$3 usage=$4 sans=${5:-} crt="$1/$2.crt" ext
  if pki_fresh "$crt" && openssl verify -CAfile "$dir/ca.crt" "$crt" >/dev/null 2>&1 \
      && [[ $(pki_sans "$crt") == "$sans" ]]; then
    return 0
  fi
  ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=$usage"
  [[ -n $sans ]] && ext+=$'\n'"subjectAltName=$sans"
  pki_key "$dir/$name.key"
  openssl req -new -key "$dir/$name.key" -subj "$subject" 2>/dev/null \
    | openssl x509 -req -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
        -sha256 -days 365 -extfile <(printf '%s\n' "$ext") -out "$crt" 2>/dev/null \
    || { pki_say "error: openssl could not make $crt"; return 1; }
  pki_say "made $crt${sans:+ ($sans)}"
}

# The apiserver's names: loopback, the `kubernetes` Service's cluster IP, and docker0's address, which
# pods reach the host at.
pki_apiserver_sans() {
  local sans="IP:127.0.0.1,DNS:localhost,IP:$PKI_SERVICE_IP" bridge
  bridge=$(ip -4 -o addr show dev docker0 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }')
  [[ -n $bridge ]] && sans+=",IP:$bridge"
  echo "$sans"
}

ensure_pki() {
  local dir=$1
  command -v openssl >/dev/null || { pki_say "error: openssl is missing: run bin/setup"; return 1; }
  mkdir -p "$dir" && chmod 700 "$dir"
  pki_ensure_ca "$dir" \
    && pki_ensure_leaf "$dir" apiserver "/CN=kube-apiserver" serverAuth "$(pki_apiserver_sans)" \
    && pki_ensure_leaf "$dir" apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
}

ensure_node_cert() {
  local dir=$1 node=$2
  pki_ensure_leaf "$dir" "kubelet-$node" "/O=system:nodes/CN=system:node:$node" serverAuth "IP:127.0.0.1"
}
