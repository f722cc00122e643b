#!/usr/bin/env bash
# apiserver-limits.sh - put CPU/memory limits on kubeadm's kube-apiserver static pod.
#
# Runs after kubeadm (postKubeadmCommands) on control-plane nodes. Edits the static pod
# manifest in place (atomically: temp file in the same folder + mv, mode/owner preserved);
# the kubelet notices the change and restarts the API server by itself.
#
# Idempotent: when the kube-apiserver container already has `resources.limits`, nothing is
# changed (exit 0, logged).
#
#   memory limit   = OFFSET + floor(MEM_MIB * MEMORY_PERCENT / 100)  megabytes ("M")
#   cpu limit      = CPU_MILLI_PER_CORE * CPUS                        millicores ("m")
#   memory request = MEMORY_REQUEST, added next to kubeadm's cpu request (an existing
#                    memory request is kept)
#   Example: 2 CPUs, 3923 MiB, defaults -> limits cpu 1500m, memory 2952M;
#            requests cpu 250m (kubeadm), memory 512M.
#
# Options (flag / environment variable / default):
#   --manifest PATH           APISERVER_LIMITS_MANIFEST            /etc/kubernetes/manifests/kube-apiserver.yaml
#   --container NAME          APISERVER_LIMITS_CONTAINER           kube-apiserver
#   --memory-percent P        APISERVER_LIMITS_MEMORY_PERCENT      75   (integer 1..100)
#   --memory-offset MB        APISERVER_LIMITS_MEMORY_OFFSET       10   (integer megabytes)
#   --cpu-milli-per-core M    APISERVER_LIMITS_CPU_MILLI_PER_CORE  750  (integer millicores)
#   --cpu-percent P           (same setting, given as percent: P*10 millicores per core)
#   --memory-request Q        APISERVER_LIMITS_MEMORY_REQUEST      512M (Kubernetes quantity;
#                                                                     "" or "none" = do not add)
#   Test/override inputs (environment only):
#   APISERVER_LIMITS_MEM_MIB  total memory in MiB  (default: MemTotal of /proc/meminfo / 1024)
#   APISERVER_LIMITS_CPUS     logical CPUs         (default: nproc)
#
# Limitations: expects the block-style YAML kubeadm writes (2-space indentation, one key per
# line); flow-style resources other than `resources: {}` are rejected without changes.
#
# Exit codes: 0 changed or nothing to do, 1 runtime error, 2 usage error,
#             3 manifest shape not understood (file untouched).
set -euo pipefail

PROG=apiserver-limits
log() { printf '%s: %s\n' "$PROG" "$*"; }
die() { printf '%s: ERROR: %s\n' "$PROG" "$1" >&2; exit "${2:-1}"; }

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

MANIFEST=${APISERVER_LIMITS_MANIFEST:-/etc/kubernetes/manifests/kube-apiserver.yaml}
CONTAINER=${APISERVER_LIMITS_CONTAINER:-kube-apiserver}
MEMORY_PERCENT=${APISERVER_LIMITS_MEMORY_PERCENT:-75}
MEMORY_OFFSET=${APISERVER_LIMITS_MEMORY_OFFSET:-10}
CPU_MILLI_PER_CORE=${APISERVER_LIMITS_CPU_MILLI_PER_CORE:-750}
MEMORY_REQUEST=${APISERVER_LIMITS_MEMORY_REQUEST-512M}

is_uint() { case "$1" in ''|*[!0-9]*) return 1 ;; *) return 0 ;; esac; }
cpu_percent() {
  is_uint "$1" || die "--cpu-percent needs a non-negative integer, got '$1'" 2
  CPU_MILLI_PER_CORE=$(( $1 * 10 ))
}
need_arg() { [ "$#" -ge 2 ] || die "option $1 needs a value" 2; }

while [ "$#" -gt 0 ]; do
  case "$1" in
    --manifest) need_arg "$@"; MANIFEST=$2; shift 2 ;;
    --manifest=*) MANIFEST=${1#*=}; shift ;;
    --container) need_arg "$@"; CONTAINER=$2; shift 2 ;;
    --container=*) CONTAINER=${1#*=}; shift ;;
    --memory-percent) need_arg "$@"; MEMORY_PERCENT=$2; shift 2 ;;
    --memory-percent=*) MEMORY_PERCENT=${1#*=}; shift ;;
    --memory-offset) need_arg "$@"; MEMORY_OFFSET=$2; shift 2 ;;
    --memory-offset=*) MEMORY_OFFSET=${1#*=}; shift ;;
    --cpu-milli-per-core) need_arg "$@"; CPU_MILLI_PER_CORE=$2; shift 2 ;;
    --cpu-milli-per-core=*) CPU_MILLI_PER_CORE=${1#*=}; shift ;;
    --cpu-percent) need_arg "$@"; cpu_percent "$2"; shift 2 ;;
    --cpu-percent=*) cpu_percent "${1#*=}"; shift ;;
    --memory-request) need_arg "$@"; MEMORY_REQUEST=$2; shift 2 ;;
    --memory-request=*) MEMORY_REQUEST=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" 2 ;;
  esac
done

if ! { is_uint "$MEMORY_PERCENT" && [ "$MEMORY_PERCENT" -ge 1 ] && [ "$MEMORY_PERCENT" -le 100 ]; }; then
  die "memory percent must be an integer 1..100, got '$MEMORY_PERCENT'" 2
fi
is_uint "$MEMORY_OFFSET" || die "memory offset must be a non-negative integer, got '$MEMORY_OFFSET'" 2
if ! { is_uint "$CPU_MILLI_PER_CORE" && [ "$CPU_MILLI_PER_CORE" -ge 1 ]; }; then
  die "cpu millicores per core must be a positive integer, got '$CPU_MILLI_PER_CORE'" 2
fi
[ "$MEMORY_REQUEST" = none ] && MEMORY_REQUEST=
case "$MEMORY_REQUEST" in
  *[!0-9A-Za-z.]*) die "memory request must be a Kubernetes quantity, got '$MEMORY_REQUEST'" 2 ;;
esac

# --- node size -------------------------------------------------------------------------
MEM_MIB=${APISERVER_LIMITS_MEM_MIB:-}
if [ -z "$MEM_MIB" ]; then
  [ -r /proc/meminfo ] || die "cannot read /proc/meminfo (set APISERVER_LIMITS_MEM_MIB)"
  MEM_MIB=$(awk '$1 == "MemTotal:" { printf "%d", $2 / 1024; exit }' /proc/meminfo)
fi
if ! { is_uint "$MEM_MIB" && [ "$MEM_MIB" -gt 0 ]; }; then
  die "total memory (MiB) not a positive integer: '$MEM_MIB'"
fi

CPUS=${APISERVER_LIMITS_CPUS:-}
if [ -z "$CPUS" ]; then
  CPUS=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
fi
if ! { is_uint "$CPUS" && [ "$CPUS" -gt 0 ]; }; then
  die "CPU count not a positive integer: '$CPUS'"
fi

LIMIT_MEMORY_MB=$(( MEMORY_OFFSET + MEM_MIB * MEMORY_PERCENT / 100 ))
LIMIT_CPU_MILLI=$(( CPU_MILLI_PER_CORE * CPUS ))
log "node: ${MEM_MIB} MiB memory, ${CPUS} CPUs -> limits memory ${LIMIT_MEMORY_MB}M" \
    "(${MEMORY_OFFSET} + ${MEMORY_PERCENT}%), cpu ${LIMIT_CPU_MILLI}m (${CPU_MILLI_PER_CORE}m per CPU)"

# --- edit ------------------------------------------------------------------------------
[ -f "$MANIFEST" ] || die "manifest not found: $MANIFEST"
[ -r "$MANIFEST" ] || die "manifest not readable: $MANIFEST"

dir=$(dirname -- "$MANIFEST")
base=$(basename -- "$MANIFEST")
# Leading dot: the kubelet ignores hidden files in its static pod folder.
tmp=$(mktemp "$dir/.${base}.XXXXXX") || die "cannot create a temporary file in $dir"
cleanup() { rm -f -- "$tmp"; }
trap cleanup EXIT

# Copy first so the temp file carries the original mode/owner, then overwrite its content.
cp -p -- "$MANIFEST" "$tmp"

rc=0
awk -v target="$CONTAINER" \
    -v lim_cpu="${LIMIT_CPU_MILLI}m" -v lim_cpu_milli="$LIMIT_CPU_MILLI" \
    -v lim_mem="${LIMIT_MEMORY_MB}M" -v req_mem="$MEMORY_REQUEST" '
function ind(s) { match(s, /^ */); return RLENGTH }
function blank(s) { return s ~ /^[ \t]*(#.*)?$/ }
function unq(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); gsub(/^["\047]|["\047]$/, "", s); return s }
function sp(n,   r) { r = ""; while (n-- > 0) r = r " "; return r }
# key of a mapping line "   key: value" (or "- key: value" when item is set), "" otherwise
function key(s,   t) { t = s; sub(/^ *(- )?/, "", t); if (t !~ /^[A-Za-z0-9_.\/-]+:( |$)/) return ""; sub(/:.*/, "", t); return t }
function val(s,   t) { t = s; sub(/^[^:]*:/, "", t); return unq(t) }
{ L[NR] = $0 }
END {
  n = NR
  # spec:
  for (i = 1; i <= n; i++) if (L[i] ~ /^spec:[ \t]*$/) break
  if (i > n) exit 3
  # spec.containers:
  sci = -1
  for (i++; i <= n; i++) {
    if (blank(L[i])) continue
    if (ind(L[i]) == 0) break
    if (sci < 0) sci = ind(L[i])
    if (ind(L[i]) == sci && L[i] ~ /^ *containers:[ \t]*$/) { c = i; break }
  }
  if (!c) exit 3
  # first item decides the item indentation
  for (i = c + 1; i <= n && blank(L[i]); i++) ;
  if (i > n || L[i] !~ /^ *- /) exit 3
  ii = ind(L[i]); ci = ii + 2
  # walk items, find the target container [s, e)
  s = 0; e = 0
  while (i <= n) {
    is = i
    for (j = i + 1; j <= n; j++) {
      if (blank(L[j])) continue
      if (ind(L[j]) < ii) break
      if (ind(L[j]) == ii) break      # next item or sibling key of containers
    }
    found = 0
    for (k = is; k < j; k++) {
      if ((k == is || ind(L[k]) == ci) && key(L[k]) == "name" && val(L[k]) == target) found = 1
    }
    if (found) { s = is; e = j; break }
    i = j
    if (i > n || L[i] !~ /^ *- / || ind(L[i]) != ii) break
  }
  if (!s) exit 2
  # resources: inside the container
  r = 0
  for (k = s; k < e; k++) if ((k == s || ind(L[k]) == ci) && key(L[k]) == "resources") { r = k; break }
  if (r == s) exit 3
  limits_line = ""
  if (r) {
    inline = val(L[r])
    for (re = r + 1; re < e && (blank(L[re]) || ind(L[re]) > ci); re++) ;
    if (inline != "" && inline != "{}") { if (inline ~ /limits/) exit 10; exit 3 }
    rci = -1
    for (k = r + 1; k < re; k++) {
      if (blank(L[k])) continue
      if (rci < 0) rci = ind(L[k])
      if (ind(L[k]) == rci && key(L[k]) == "limits" && val(L[k]) != "{}") exit 10
    }
    if (rci < 0) rci = ci + 2
  } else {
    # no resources key: insert before the first later key that sorts after it (kubeadm order)
    r = e
    for (k = s + 1; k < e; k++) if (ind(L[k]) == ci && key(L[k]) > "resources") { r = k; break }
    while (r > s + 1 && blank(L[r - 1])) r--
    re = r; rci = ci + 2
  }
  # assemble the new resources block
  out = 0
  B[++out] = sp(ci) "resources:"
  have_req = 0; done_lim = 0
  for (k = (r == re ? re : r + 1); k < re; k++) {
    if (!blank(L[k]) && ind(L[k]) == rci) {
      cur = key(L[k])
      if (cur == "limits") { skipkids = 1; continue }  # only "limits: {}" gets here
      skipkids = 0
      if (cur == "requests" && !done_lim) { emit_limits(); done_lim = 1 }
      B[++out] = L[k]
      if (cur == "requests") {
        have_req = 1
        v = val(L[k]); if (v != "" && v != "{}") exit 3
        sub(/: *\{\} *$/, ":", B[out])
        # children of requests
        rqi = -1; mem_done = (req_mem == "")
        for (m = k + 1; m < re && (blank(L[m]) || ind(L[m]) > rci); m++) {
          if (blank(L[m])) { B[++out] = L[m]; continue }
          if (rqi < 0) rqi = ind(L[m])
          if (ind(L[m]) == rqi) {
            kk = key(L[m])
            if (kk == "memory") mem_done = 1
            if (kk == "cpu") check_cpu(val(L[m]))
            if (!mem_done && kk > "memory") { B[++out] = sp(rqi) "memory: " req_mem; mem_done = 1 }
          }
          B[++out] = L[m]
        }
        if (!mem_done) B[++out] = sp(rqi < 0 ? rci + 2 : rqi) "memory: " req_mem
        k = m - 1
      }
      continue
    }
    if (skipkids && !blank(L[k]) && ind(L[k]) > rci) continue
    B[++out] = L[k]
  }
  if (!done_lim) emit_limits()
  if (!have_req && req_mem != "") { B[++out] = sp(rci) "requests:"; B[++out] = sp(rci + 2) "memory: " req_mem }
  for (k = 1; k < r; k++) print L[k]
  for (k = 1; k <= out; k++) print B[k]
  for (k = re; k <= n; k++) print L[k]
  exit 0
}
function emit_limits() {
  B[++out] = sp(rci) "limits:"
  B[++out] = sp(rci + 2) "cpu: " lim_cpu
  B[++out] = sp(rci + 2) "memory: " lim_mem
}
function check_cpu(v,   m) {
  if (v ~ /^[0-9]+m$/) m = substr(v, 1, length(v) - 1) + 0
  else if (v ~ /^[0-9]+(\.[0-9]+)?$/) m = v * 1000
  else return
  if (m > lim_cpu_milli + 0) exit 4
}
' "$MANIFEST" > "$tmp" || rc=$?

case "$rc" in
  0) ;;
  10) log "container $CONTAINER in $MANIFEST already has resource limits; nothing to do"; exit 0 ;;
  2) die "no container named '$CONTAINER' under spec.containers in $MANIFEST; left unchanged" 3 ;;
  3) die "cannot understand the layout of $MANIFEST (expected kubeadm's block-style static pod); left unchanged" 3 ;;
  4) die "the existing cpu request exceeds the computed cpu limit ${LIMIT_CPU_MILLI}m; left unchanged" 3 ;;
  *) die "awk failed (exit $rc); $MANIFEST left unchanged" ;;
esac

# Checked only when limits are about to be added.
# A memory request above the limit makes the pod invalid: the API server would not come back.
case "$MEMORY_REQUEST" in
  *M)
    req=${MEMORY_REQUEST%M}
    if is_uint "$req" && [ "$req" -gt "$LIMIT_MEMORY_MB" ]; then
      die "memory request ${MEMORY_REQUEST} exceeds the computed limit ${LIMIT_MEMORY_MB}M; manifest left unchanged"
    fi ;;
esac

if cmp -s -- "$MANIFEST" "$tmp"; then
  log "$MANIFEST already as desired; nothing to do"
  exit 0
fi
mv -f -- "$tmp" "$MANIFEST"
trap - EXIT
log "set limits cpu ${LIMIT_CPU_MILLI}m, memory ${LIMIT_MEMORY_MB}M${MEMORY_REQUEST:+ and request memory $MEMORY_REQUEST} on container $CONTAINER in $MANIFEST; the kubelet restarts the static pod"
