#!/usr/bin/env bash
# etcd-defrag.sh - defragment an etcd cluster from its leader, one member at a time.
#
# Meant for a daily systemd timer on every control-plane node (etcd-defrag.service/.timer):
# all nodes run it, only the one whose local etcd member is the leader acts.
#
#  1. reads the local member's status and the member list (etcdctl -w fields);
#  2. guards - each logs why and exits 0 without touching anything:
#       - only one voting member            (override: --force-single)
#       - not all members healthy           (override: --force-unhealthy)
#       - the local member is not the leader (override: --force-follower)
#  3. optional backup: `etcdctl snapshot save` of the local member into --backup-dir,
#     compressed (zstd, else gzip, see --compress), keeping the --keep newest snapshots;
#  4. defragments every other member, one at a time, checking its health afterwards;
#  5. moves leadership to an already defragmented member (etcdctl move-leader) and waits
#     until the local member reports the new leader;
#  6. defragments the local member last;
#  7. optional --fstrim: fstrim on the filesystem holding --data-dir (best effort).
# Every step is logged to stdout with the prefix "etcd-defrag: ".
#
# Options (flag / environment variable / default):
#   --endpoints URL          ETCD_DEFRAG_ENDPOINTS        https://127.0.0.1:2379
#                            client URL of the LOCAL member (first one if a comma list)
#   --cacert FILE            ETCD_DEFRAG_CACERT           /etc/kubernetes/pki/etcd/ca.crt
#   --cert FILE              ETCD_DEFRAG_CERT             /etc/kubernetes/pki/etcd/peer.crt
#                                                         (server.crt if peer.crt is missing)
#   --key FILE               ETCD_DEFRAG_KEY              /etc/kubernetes/pki/etcd/peer.key
#                                                         (server.key if peer.key is missing)
#   --insecure               ETCD_DEFRAG_INSECURE=true    off: plain http, no certificates
#   --etcdctl PATH           ETCD_DEFRAG_ETCDCTL          etcdctl (from PATH)
#   --via-crictl             ETCD_DEFRAG_VIA_CRICTL=true  off: run etcdctl inside the running
#                            etcd container (`crictl exec`), for kubeadm nodes without a host
#                            etcdctl. Best effort: needs crictl and an etcd image that ships
#                            etcdctl; certificates and --data-dir must be mounted at the same
#                            paths in the container (kubeadm does that). Snapshots are written
#                            to --data-dir first and then moved into --backup-dir.
#   --data-dir DIR           ETCD_DEFRAG_DATA_DIR         /var/lib/etcd
#   --backup-dir DIR         ETCD_DEFRAG_BACKUP_DIR       "" (no backup)
#   --keep N                 ETCD_DEFRAG_KEEP             7 (snapshots kept in --backup-dir)
#   --compress MODE          ETCD_DEFRAG_COMPRESS         auto (auto|zstd|gzip|none;
#                                                         auto = zstd, else gzip, else none)
#   --fstrim                 ETCD_DEFRAG_FSTRIM=true      off
#   --force-single           ETCD_DEFRAG_FORCE_SINGLE=true     off
#   --force-unhealthy        ETCD_DEFRAG_FORCE_UNHEALTHY=true  off
#   --force-follower         ETCD_DEFRAG_FORCE_FOLLOWER=true   off
#   --dial-timeout DUR       ETCD_DEFRAG_DIAL_TIMEOUT     2s
#   --health-timeout DUR     ETCD_DEFRAG_HEALTH_TIMEOUT   5s (each member health check)
#   --command-timeout DUR    ETCD_DEFRAG_COMMAND_TIMEOUT  15s (status, member list, move-leader)
#   --defrag-timeout DUR     ETCD_DEFRAG_DEFRAG_TIMEOUT   300s (each defrag, each snapshot)
#   --leader-wait SECONDS    ETCD_DEFRAG_LEADER_WAIT      30 (wait for the new leader)
#   -h, --help
#
# Requires: bash, awk, etcdctl (API v3, etcd >= 3.4) or crictl; optional: zstd or gzip, fstrim.
# Exit codes: 0 done or deliberately nothing to do, 1 failure, 2 usage error.
set -euo pipefail
export LC_ALL=C
export ETCDCTL_API=3

PROG=etcd-defrag
log() { printf '%s: %s\n' "$PROG" "$*"; }
die() { printf '%s: ERROR: %s\n' "$PROG" "$1" >&2; exit "${2:-1}"; }

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

truthy() { case "${1:-}" in 1|true|TRUE|True|yes|on) return 0 ;; *) return 1 ;; esac; }

PKI=/etc/kubernetes/pki/etcd
ENDPOINTS=${ETCD_DEFRAG_ENDPOINTS:-https://127.0.0.1:2379}
CACERT=${ETCD_DEFRAG_CACERT:-}
CERT=${ETCD_DEFRAG_CERT:-}
KEY=${ETCD_DEFRAG_KEY:-}
INSECURE=false; truthy "${ETCD_DEFRAG_INSECURE:-}" && INSECURE=true
ETCDCTL=${ETCD_DEFRAG_ETCDCTL:-etcdctl}
VIA_CRICTL=false; truthy "${ETCD_DEFRAG_VIA_CRICTL:-}" && VIA_CRICTL=true
DATA_DIR=${ETCD_DEFRAG_DATA_DIR:-/var/lib/etcd}
BACKUP_DIR=${ETCD_DEFRAG_BACKUP_DIR:-}
KEEP=${ETCD_DEFRAG_KEEP:-7}
COMPRESS=${ETCD_DEFRAG_COMPRESS:-auto}
FSTRIM=false; truthy "${ETCD_DEFRAG_FSTRIM:-}" && FSTRIM=true
FORCE_SINGLE=false; truthy "${ETCD_DEFRAG_FORCE_SINGLE:-}" && FORCE_SINGLE=true
FORCE_UNHEALTHY=false; truthy "${ETCD_DEFRAG_FORCE_UNHEALTHY:-}" && FORCE_UNHEALTHY=true
FORCE_FOLLOWER=false; truthy "${ETCD_DEFRAG_FORCE_FOLLOWER:-}" && FORCE_FOLLOWER=true
DIAL_TIMEOUT=${ETCD_DEFRAG_DIAL_TIMEOUT:-2s}
HEALTH_TIMEOUT=${ETCD_DEFRAG_HEALTH_TIMEOUT:-5s}
COMMAND_TIMEOUT=${ETCD_DEFRAG_COMMAND_TIMEOUT:-15s}
DEFRAG_TIMEOUT=${ETCD_DEFRAG_DEFRAG_TIMEOUT:-300s}
LEADER_WAIT=${ETCD_DEFRAG_LEADER_WAIT:-30}

need_arg() { [ "$#" -ge 2 ] || die "option $1 needs a value" 2; }

while [ "$#" -gt 0 ]; do
  case "$1" in
    --endpoints) need_arg "$@"; ENDPOINTS=$2; shift 2 ;;
    --endpoints=*) ENDPOINTS=${1#*=}; shift ;;
    --cacert) need_arg "$@"; CACERT=$2; shift 2 ;;
    --cacert=*) CACERT=${1#*=}; shift ;;
    --cert) need_arg "$@"; CERT=$2; shift 2 ;;
    --cert=*) CERT=${1#*=}; shift ;;
    --key) need_arg "$@"; KEY=$2; shift 2 ;;
    --key=*) KEY=${1#*=}; shift ;;
    --insecure) INSECURE=true; shift ;;
    --etcdctl) need_arg "$@"; ETCDCTL=$2; shift 2 ;;
    --etcdctl=*) ETCDCTL=${1#*=}; shift ;;
    --via-crictl) VIA_CRICTL=true; shift ;;
    --data-dir) need_arg "$@"; DATA_DIR=$2; shift 2 ;;
    --data-dir=*) DATA_DIR=${1#*=}; shift ;;
    --backup-dir) need_arg "$@"; BACKUP_DIR=$2; shift 2 ;;
    --backup-dir=*) BACKUP_DIR=${1#*=}; shift ;;
    --keep) need_arg "$@"; KEEP=$2; shift 2 ;;
    --keep=*) KEEP=${1#*=}; shift ;;
    --compress) need_arg "$@"; COMPRESS=$2; shift 2 ;;
    --compress=*) COMPRESS=${1#*=}; shift ;;
    --fstrim) FSTRIM=true; shift ;;
    --force-single) FORCE_SINGLE=true; shift ;;
    --force-unhealthy) FORCE_UNHEALTHY=true; shift ;;
    --force-follower) FORCE_FOLLOWER=true; shift ;;
    --dial-timeout) need_arg "$@"; DIAL_TIMEOUT=$2; shift 2 ;;
    --dial-timeout=*) DIAL_TIMEOUT=${1#*=}; shift ;;
    --health-timeout) need_arg "$@"; HEALTH_TIMEOUT=$2; shift 2 ;;
    --health-timeout=*) HEALTH_TIMEOUT=${1#*=}; shift ;;
    --command-timeout) need_arg "$@"; COMMAND_TIMEOUT=$2; shift 2 ;;
    --command-timeout=*) COMMAND_TIMEOUT=${1#*=}; shift ;;
    --defrag-timeout) need_arg "$@"; DEFRAG_TIMEOUT=$2; shift 2 ;;
    --defrag-timeout=*) DEFRAG_TIMEOUT=${1#*=}; shift ;;
    --leader-wait) need_arg "$@"; LEADER_WAIT=$2; shift 2 ;;
    --leader-wait=*) LEADER_WAIT=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" 2 ;;
  esac
done

is_uint() { case "$1" in ''|*[!0-9]*) return 1 ;; *) return 0 ;; esac; }
is_uint "$KEEP" || die "--keep needs a non-negative integer, got '$KEEP'" 2
is_uint "$LEADER_WAIT" || die "--leader-wait needs a non-negative integer (seconds), got '$LEADER_WAIT'" 2
case "$COMPRESS" in auto|zstd|gzip|none) ;; *) die "--compress must be auto, zstd, gzip or none" 2 ;; esac
LOCAL_URL=${ENDPOINTS%%,*}
[ -n "$LOCAL_URL" ] || die "--endpoints must not be empty" 2

# --- etcdctl invocation ----------------------------------------------------------------
TLS_ARGS=()
if [ "$INSECURE" = true ]; then
  log "insecure mode: plain connections, no client certificates"
else
  [ -n "$CACERT" ] || CACERT=$PKI/ca.crt
  if [ -z "$CERT" ]; then
    if [ -e "$PKI/peer.crt" ] || [ ! -e "$PKI/server.crt" ]; then CERT=$PKI/peer.crt; else CERT=$PKI/server.crt; fi
  fi
  if [ -z "$KEY" ]; then
    case "$CERT" in
      *.crt) KEY=${CERT%.crt}.key ;;
      *) KEY=$PKI/peer.key ;;
    esac
  fi
  for f in "$CACERT" "$CERT" "$KEY"; do
    [ -r "$f" ] || die "certificate file not readable: $f (use --cacert/--cert/--key or --insecure)"
  done
  TLS_ARGS=(--cacert="$CACERT" --cert="$CERT" --key="$KEY")
fi

if [ "$VIA_CRICTL" = true ]; then
  command -v crictl >/dev/null 2>&1 || die "--via-crictl given but crictl is not installed"
  cid=$(crictl ps -q --state running --label io.kubernetes.container.name=etcd 2>/dev/null | head -n 1) || cid=
  [ -n "$cid" ] || die "--via-crictl: no running etcd container found (crictl ps --label io.kubernetes.container.name=etcd)"
  log "running etcdctl inside etcd container ${cid:0:13} via crictl exec"
  ETCDCTL_CMD=(crictl exec "$cid" etcdctl)
else
  command -v "$ETCDCTL" >/dev/null 2>&1 \
    || die "etcdctl not found ('$ETCDCTL'); install it, pass --etcdctl PATH, or use --via-crictl on kubeadm nodes"
  ETCDCTL_CMD=("$ETCDCTL")
fi

# ctl TIMEOUT ENDPOINT ARGS... - one etcdctl call against exactly one endpoint
ctl() {
  local timeout=$1 ep=$2; shift 2
  "${ETCDCTL_CMD[@]}" --endpoints="$ep" --dial-timeout="$DIAL_TIMEOUT" --command-timeout="$timeout" \
    ${TLS_ARGS[@]+"${TLS_ARGS[@]}"} "$@"
}

# status ENDPOINT - prints "MEMBER_ID LEADER_ID DB_SIZE" (decimal) from `endpoint status -w fields`
status() {
  local out
  out=$(ctl "$COMMAND_TIMEOUT" "$1" endpoint status -w fields 2>&1) || { printf '%s\n' "$out" >&2; return 1; }
  printf '%s\n' "$out" | awk -F' : ' '
    $1 == "\"MemberID\"" { id = $2 }
    $1 == "\"Leader\""   { leader = $2 }
    $1 == "\"DBSize\""   { size = $2 }
    END { if (id == "" || leader == "") exit 1; print id, leader, (size == "" ? "?" : size) }'
}

hex() { printf '%x' "$1"; }   # etcd prints uint64 member IDs in decimal; move-leader wants hex

healthy() { ctl "$HEALTH_TIMEOUT" "$1" endpoint health >/dev/null 2>&1; }

# --- who are we, who is there ---------------------------------------------------------
read -r LOCAL_ID LEADER_ID _ <<<"$(status "$LOCAL_URL")" \
  || die "cannot read the status of the local member at $LOCAL_URL"
[ -n "${LOCAL_ID:-}" ] || die "cannot read the status of the local member at $LOCAL_URL"

members_raw=$(ctl "$COMMAND_TIMEOUT" "$LOCAL_URL" member list -w fields) \
  || die "etcdctl member list failed at $LOCAL_URL"
# one line per member: ID|NAME|FIRST_CLIENT_URL|IS_LEARNER
members=$(printf '%s\n' "$members_raw" | awk -F' : ' '
  function unq(s) { gsub(/^"|"$/, "", s); return s }
  function flush() { if (id != "") print id "|" name "|" url "|" learner }
  $1 == "\"ID\""        { flush(); id = $2; name = ""; url = ""; learner = "false"; next }
  id == ""              { next }
  $1 == "\"Name\""      { name = unq($2) }
  $1 == "\"ClientURL\"" { if (url == "") url = unq($2) }
  $1 == "\"IsLearner\"" { learner = $2 }
  END { flush() }')
[ -n "$members" ] || die "could not parse the member list from $LOCAL_URL"

IDS=(); NAMES=(); URLS=(); LEARNERS=()
voters=0; LOCAL_NAME=; LEADER_NAME=
while IFS='|' read -r id name url learner; do
  IDS+=("$id"); NAMES+=("${name:-<unstarted>}"); URLS+=("$url"); LEARNERS+=("$learner")
  [ "$learner" = true ] || voters=$((voters + 1))
  [ "$id" = "$LOCAL_ID" ] && LOCAL_NAME=$name
  [ "$id" = "$LEADER_ID" ] && LEADER_NAME=$name
done <<<"$members"
[ -n "$LOCAL_NAME" ] || LOCAL_NAME=$(hex "$LOCAL_ID")

label() { printf '%s (%s)' "$1" "$(hex "$2")"; }   # label NAME ID

log "local member $(label "$LOCAL_NAME" "$LOCAL_ID") at $LOCAL_URL; leader $(label "${LEADER_NAME:-?}" "$LEADER_ID");" \
    "${#IDS[@]} member(s), $voters voting"

# --- guards ---------------------------------------------------------------------------
if [ "$voters" -le 1 ]; then
  if [ "$FORCE_SINGLE" = true ]; then
    log "single voting member, continuing because of --force-single (no leadership transfer possible)"
  else
    log "only $voters voting member: defragmenting would block the whole cluster; nothing to do (use --force-single)"
    exit 0
  fi
fi

unhealthy=(); HEALTHY=()
for i in "${!IDS[@]}"; do
  HEALTHY[i]=false
  if [ -z "${URLS[$i]}" ]; then
    unhealthy+=("$(label "${NAMES[$i]}" "${IDS[$i]}") has no client URL")
  elif ! healthy "${URLS[$i]}"; then
    unhealthy+=("$(label "${NAMES[$i]}" "${IDS[$i]}") at ${URLS[$i]}")
  else
    HEALTHY[i]=true
  fi
done
if [ "${#unhealthy[@]}" -gt 0 ]; then
  for u in "${unhealthy[@]}"; do log "unhealthy member: $u"; done
  if [ "$FORCE_UNHEALTHY" = true ]; then
    log "not all members are healthy, continuing because of --force-unhealthy"
  else
    log "not all members are healthy; nothing to do (use --force-unhealthy)"
    exit 0
  fi
else
  log "all ${#IDS[@]} members are healthy"
fi

IS_LEADER=false
[ "$LOCAL_ID" = "$LEADER_ID" ] && IS_LEADER=true
if [ "$IS_LEADER" = false ]; then
  if [ "$FORCE_FOLLOWER" = true ]; then
    log "local member is not the leader, continuing because of --force-follower"
  else
    log "local member is not the leader (leader is $(label "${LEADER_NAME:-?}" "$LEADER_ID")); nothing to do here (use --force-follower)"
    exit 0
  fi
fi

# --- backup ---------------------------------------------------------------------------
backup() {
  local stamp file part
  umask 077   # snapshots contain every secret of the cluster
  mkdir -p -- "$BACKUP_DIR" || die "cannot create backup dir $BACKUP_DIR"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  file=$BACKUP_DIR/etcd-snapshot-$stamp.db
  if [ -e "$file" ] || [ -e "$file.gz" ] || [ -e "$file.zst" ]; then
    file=$BACKUP_DIR/etcd-snapshot-$stamp-$$.db
  fi
  if [ "$VIA_CRICTL" = true ]; then
    part=$DATA_DIR/etcd-defrag-snapshot.db.part   # a path the etcd container sees too
  else
    part=$file.part
  fi
  log "backup: etcdctl snapshot save of $LOCAL_URL"
  rm -f -- "$part"
  local out
  if ! out=$(ctl "$DEFRAG_TIMEOUT" "$LOCAL_URL" snapshot save "$part" 2>&1); then
    printf '%s\n' "$out" >&2
    rm -f -- "$part" "$part.part"
    die "snapshot save failed; nothing defragmented"
  fi
  mv -f -- "$part" "$file"
  rm -f -- "$part.part"
  local mode=$COMPRESS
  if [ "$mode" = auto ]; then
    if command -v zstd >/dev/null 2>&1; then mode=zstd
    elif command -v gzip >/dev/null 2>&1; then mode=gzip
    else mode=none; fi
  fi
  case "$mode" in
    zstd) zstd -q --rm -f -- "$file" || die "zstd failed on $file"; file=$file.zst ;;
    gzip) gzip -f -- "$file" || die "gzip failed on $file"; file=$file.gz ;;
    none) ;;
  esac
  log "backup: wrote $file ($mode)"
  # keep the KEEP newest (names sort by time)
  local all=() n
  for f in "$BACKUP_DIR"/etcd-snapshot-*.db "$BACKUP_DIR"/etcd-snapshot-*.db.gz "$BACKUP_DIR"/etcd-snapshot-*.db.zst; do
    [ -e "$f" ] && all+=("$f")
  done
  if [ "${#all[@]}" -gt "$KEEP" ] && [ "$KEEP" -gt 0 ]; then
    mapfile -t all < <(printf '%s\n' "${all[@]}" | sort)
    n=$(( ${#all[@]} - KEEP ))
    for f in "${all[@]:0:$n}"; do
      rm -f -- "$f" && log "backup: removed old snapshot $f"
    done
  fi
}
if [ -n "$BACKUP_DIR" ]; then backup; fi

# --- defragment -----------------------------------------------------------------------
defrag() {   # defrag NAME ID URL WHAT
  local name=$1 id=$2 url=$3 what=$4 before after
  before=$(status "$url" 2>/dev/null | awk '{ print $3 }') || before="?"
  log "defragmenting member $(label "$name" "$id") at $url ($what)"
  if ! ctl "$DEFRAG_TIMEOUT" "$url" defrag >/dev/null; then
    die "defragmenting $(label "$name" "$id") at $url failed"
  fi
  after=$(status "$url" 2>/dev/null | awk '{ print $3 }') || after="?"
  log "defragmented member $(label "$name" "$id"): db size ${before:-?} -> ${after:-?} bytes"
}

DONE_IDX=()
for i in "${!IDS[@]}"; do
  [ "${IDS[$i]}" = "$LOCAL_ID" ] && continue
  if [ -z "${URLS[$i]}" ]; then
    log "skipping member $(label "${NAMES[$i]}" "${IDS[$i]}"): no client URL"
    continue
  fi
  if [ "${HEALTHY[$i]}" != true ]; then
    log "skipping unhealthy member $(label "${NAMES[$i]}" "${IDS[$i]}") at ${URLS[$i]}"
    continue
  fi
  defrag "${NAMES[$i]}" "${IDS[$i]}" "${URLS[$i]}" "remote"
  healthy "${URLS[$i]}" || die "member $(label "${NAMES[$i]}" "${IDS[$i]}") is not healthy after defragmentation; stopping"
  DONE_IDX+=("$i")
done

# --- leadership transfer --------------------------------------------------------------
if [ "$IS_LEADER" = true ] && [ "${#DONE_IDX[@]}" -gt 0 ]; then
  target=
  for i in "${DONE_IDX[@]}"; do
    if [ "${LEARNERS[$i]}" != true ]; then target=$i; break; fi
  done
  [ -n "$target" ] || die "no defragmented voting member to hand leadership to; local member not defragmented"
  t_label=$(label "${NAMES[$target]}" "${IDS[$target]}")
  log "moving leadership to $t_label"
  ctl "$COMMAND_TIMEOUT" "$LOCAL_URL" move-leader "$(hex "${IDS[$target]}")" >/dev/null \
    || die "etcdctl move-leader to $t_label failed; local member not defragmented"
  deadline=$(( $(date +%s) + LEADER_WAIT ))
  while :; do
    read -r _ now_leader _ <<<"$(status "$LOCAL_URL" 2>/dev/null || echo "? ? ?")"
    if [ "$now_leader" = "${IDS[$target]}" ]; then break; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "leadership did not move to $t_label within ${LEADER_WAIT}s; local member not defragmented"
    fi
    sleep 1
  done
  log "moved leadership to $t_label"
elif [ "$IS_LEADER" = true ]; then
  log "no other member defragmented: keeping leadership"
else
  log "local member is not the leader: no leadership transfer needed"
fi

defrag "$LOCAL_NAME" "$LOCAL_ID" "$LOCAL_URL" "local, last"

# --- fstrim ---------------------------------------------------------------------------
if [ "$FSTRIM" = true ]; then
  if ! command -v fstrim >/dev/null 2>&1; then
    log "fstrim not available; skipped"
  elif [ ! -d "$DATA_DIR" ]; then
    log "fstrim: data dir $DATA_DIR does not exist; skipped"
  elif out=$(fstrim -v "$DATA_DIR" 2>&1); then
    log "fstrim: $out"
  else
    log "fstrim on $DATA_DIR failed (ignored): $out"
  fi
fi

log "done"
