#!/usr/bin/env bash
# Slurm integration test of `gradflow sweep --slurm` / `sweep collect` on a single-node Slurm
# cluster on localhost: installs Debian's slurm-wlm (root + apt), writes a private slurm.conf
# (nothing in /etc/slurm is touched; a munge key is created only if none exists), starts munged,
# slurmctld and slurmd, runs sweeps/slurm-smoke.json (4 points) locally and as a job array, and
# requires byte-identical aggregate.csv / aggregate.json.
# Exit 0: passed, or SKIPPED (Slurm could not be installed or started: the reason is printed).
# Exit 1: Slurm ran but the test failed.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="${SLURM_TEST_DIR:-$(mktemp -d /tmp/gradflow-slurm.XXXXXX)}"
mkdir -p "$work"
sweep=sweeps/slurm-smoke.json
started=()

skip() { echo "slurm-test: SKIPPED: $*" >&2; cleanup; exit 0; }
fail() { echo "slurm-test: FAILED: $*" >&2; cleanup; exit 1; }
cleanup() {
  for pidfile in "${started[@]:-}"; do
    [ -n "$pidfile" ] && [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  true
}

# 1. install (root + apt only)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "slurm-wlm is not installed and this is not root"
  command -v apt-get >/dev/null || skip "slurm-wlm is not installed and there is no apt-get"
  echo "slurm-test: installing slurm-wlm (apt-get)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge) >"$work/apt.log" 2>&1 \
    || skip "apt-get install slurm-wlm failed (see $work/apt.log)"
fi
echo "slurm-test: $(slurmctld -V)"

# 2. munge (authentication between the Slurm commands and daemons)
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    (command -v mungekey >/dev/null && mungekey --create --keyfile=/etc/munge/munge.key) \
      || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null || skip "cannot create a munge key"
    chown munge:munge /etc/munge/munge.key 2>/dev/null; chmod 400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null
  runuser -u munge -- /usr/sbin/munged >"$work/munged.out" 2>&1 || /usr/sbin/munged --force >>"$work/munged.out" 2>&1 \
    || skip "munged does not start (see $work/munged.out)"
  started+=(/run/munge/munged.pid)
  sleep 1
  munge -n </dev/null | unmunge >/dev/null 2>&1 || skip "munge round trip fails after starting munged"
fi

# 3. a private single-node slurm.conf for localhost
host="$(hostname -s)"
cpus="$(nproc)"
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
conf="$work/slurm.conf"
mkdir -p "$work/state" "$work/spool" "$work/log"
cat >"$conf" <<CONF
ClusterName=gradflow-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$conf"

# 4. daemons
slurmctld -f "$conf" >"$work/log/slurmctld.out" 2>&1 || skip "slurmctld does not start: $(tail -3 "$work/log/slurmctld.out" "$work/log/slurmctld.log" 2>/dev/null)"
started+=("$work/slurmctld.pid")
slurmd -f "$conf" >"$work/log/slurmd.out" 2>&1 || skip "slurmd does not start: $(tail -3 "$work/log/slurmd.out" "$work/log/slurmd.log" 2>/dev/null)"
started+=("$work/slurmd.pid")
for _ in $(seq 1 30); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -1)"
  case "$state" in idle*|mix*|alloc*) break ;; esac
  sleep 1
done
case "$state" in idle*|mix*|alloc*) echo "slurm-test: node $host is $state" ;;
  *) skip "the Slurm node did not come up (state '${state:-none}'): $(tail -3 "$work/log/slurmd.log" 2>/dev/null)" ;; esac

# 5. the sweep, locally and on Slurm
if [ -z "${SLURM_TEST_NO_BUILD:-}" ]; then
  mvn -B -q -DskipTests package >"$work/build.log" 2>&1 || fail "build failed (see $work/build.log)"
fi
java -Djava.awt.headless=true -jar target/gradflow.jar sweep "$sweep" --out "$work/local" --threads 2 >"$work/local.log" 2>&1 \
  || fail "local sweep failed: $(tail -5 "$work/local.log")"
java -Djava.awt.headless=true -jar target/gradflow.jar sweep "$sweep" --out "$work/slurm" --slurm --submit \
  --mem 1G --time 00:10:00 --java-opts=-Xmx512m >"$work/submit.log" 2>&1 || fail "submission failed: $(cat "$work/submit.log")"
cat "$work/submit.log"
job="$(cat "$work/slurm/slurm/job-id")"
for _ in $(seq 1 300); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] || fail "job $job still queued/running after 300 s: $(squeue -j "$job")"
java -Djava.awt.headless=true -jar target/gradflow.jar sweep collect "$work/slurm" >"$work/collect.log" 2>&1
rc=$?
cat "$work/collect.log"
[ "$rc" = 0 ] || fail "collect exited $rc (task logs: $(ls "$work/slurm/slurm/"); $(tail -5 "$work"/slurm/slurm/*.out 2>/dev/null))"
cmp "$work/local/aggregate.csv" "$work/slurm/aggregate.csv" || fail "aggregate.csv differs between local and Slurm"
cmp "$work/local/aggregate.json" "$work/slurm/aggregate.json" || fail "aggregate.json differs between local and Slurm"
echo "slurm-test: PASSED: job $job ran $(ls "$work/slurm/slurm/"*.out | wc -l) array tasks; aggregate.csv and aggregate.json identical to the local run ($work)"
cleanup
