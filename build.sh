#!/usr/bin/env bash
# Louyu's one build script.
#   ./build.sh test   install what is missing (Debian/Ubuntu), start PostgreSQL and Redis on loopback, restore,
#                     build with warnings as errors, run every test project, print "N passed, N failed, N skipped".
#   ./build.sh run    run Louyu on the embedded SQLite database with the demo data.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

install_missing() {
  local want=() p
  for p in chromium fonts-noto-cjk fonts-arphic-uming postgresql redis-server poppler-utils; do
    dpkg -s "$p" >/dev/null 2>&1 || want+=("$p")
  done
  if [ ${#want[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    echo "== installing ${want[*]}"
    as_root apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade "${want[@]}" >/dev/null
  fi
}

start_postgres() {
  local ver
  ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
  [ -n "$ver" ] || { echo "PostgreSQL is not installed"; return 1; }
  if ! pg_lsclusters 2>/dev/null | grep -q "^$ver *main"; then as_root pg_createcluster "$ver" main >/dev/null; fi
  if ! pg_lsclusters | grep "^$ver *main" | grep -q online; then as_root pg_ctlcluster "$ver" main start; fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
  as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='louyu'\"" | grep -q 1 \
    || as_root su postgres -c "psql -qc \"CREATE ROLE louyu LOGIN SUPERUSER PASSWORD 'louyu'\""
  export LOUYU_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=louyu;Password=louyu;Database=postgres"
}

start_redis() {
  redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
  export LOUYU_TEST_REDIS="127.0.0.1:6379"
}

run_tests() {
  install_missing
  start_postgres || exit 1
  start_redis
  dotnet tool restore >/dev/null || exit 1
  dotnet restore Louyu.slnx || exit 1
  dotnet build Louyu.slnx -c Release --no-restore -warnaserror -nologo -clp:NoSummary || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  dotnet csharpier check . >/dev/null || { echo "csharpier: code is not formatted (run: dotnet csharpier format .)"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  local passed=0 failed=0 skipped=0 rc=0 project log line
  mkdir -p artifacts/test-logs
  for project in tests/Louyu.Tests tests/Louyu.IntegrationTests tests/Louyu.E2E; do
    log="artifacts/test-logs/$(basename "$project").log"
    echo "== $project"
    dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee "$log" | grep -E "^(Passed|Failed)!|error|Failed [A-Za-z]" || true
    [ "${PIPESTATUS[0]}" = 0 ] || rc=1
    # A failed test's message, so that the CI log alone says what broke.
    grep -A12 "Error Message:" "$log" | head -n 60 || true
    line=$(grep -E "^(Passed|Failed)!" "$log" | tail -n 1)
    if [ -z "$line" ]; then echo "   no test summary from $project"; rc=1; continue; fi
    passed=$((passed + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$line")))
    skipped=$((skipped + $(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")))
  done
  echo "$passed passed, $failed failed, $skipped skipped"
  if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ] || [ "$rc" -ne 0 ]; then exit 1; fi
}

case "${1:-test}" in
  test) run_tests ;;
  run) exec dotnet run --project src/Louyu.Web ;;
  *) echo "usage: ./build.sh test|run"; exit 2 ;;
esac
