# Shared by run.sh and test.sh: checks the tools, installs the pinned Azurite from the npm lockfile, and
# starts it on 127.0.0.1 unless something already listens on its ports; stops only what it started.

AZURITE_PORTS=(10000 10001 10002)
AZURITE_PID=""

require_tools() {
  command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required." >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js and npm are required (for Azurite)." >&2; exit 1; }
}

require_chromium() {
  [[ -x "${ALERTS_CHROMIUM:-/usr/bin/chromium}" ]] || {
    echo "Browser tests need Chromium: install the Debian package (sudo apt-get install chromium) or set ALERTS_CHROMIUM." >&2
    exit 1
  }
}

ensure_node_modules() {
  if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "Installing Azurite from package-lock.json (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_azurite_if_needed() {
  local open=0
  for port in "${AZURITE_PORTS[@]}"; do
    if port_open "$port"; then open=$((open + 1)); fi
  done
  if [[ $open -eq ${#AZURITE_PORTS[@]} ]]; then
    echo "Azurite (or another storage emulator) already listens on 127.0.0.1:10000-10002; using it."
    return 0
  fi
  if [[ $open -gt 0 ]]; then
    echo "Some of 127.0.0.1:10000-10002 are in use by something else; free them or set AzureWebJobsStorage." >&2
    return 1
  fi
  mkdir -p .alerts
  node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.alerts/azurite.log 2>&1 &
  AZURITE_PID=$!
  trap stop_azurite EXIT
  for _ in $(seq 1 60); do
    if port_open 10001 && port_open 10002; then
      echo "Started Azurite (pid $AZURITE_PID, in memory, log in .alerts/azurite.log)."
      return 0
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "Azurite failed to start:" >&2
      cat .alerts/azurite.log >&2
      return 1
    fi
    sleep 0.5
  done
  echo "Azurite did not open its ports within 30 s; see .alerts/azurite.log" >&2
  return 1
}

stop_azurite() {
  if [[ -n "$AZURITE_PID" ]] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    echo "Stopped Azurite."
  fi
}
