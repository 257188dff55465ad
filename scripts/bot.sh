#!/usr/bin/env bash
# Start the career bot: the action server (actions/) and the Rasa server, or a terminal chat.
#   scripts/bot.sh run     action server + Rasa server with the REST channel; Ctrl-C stops both
#   scripts/bot.sh shell   action server + `rasa shell` in this terminal
# Ports: ACTIONS_PORT (default 5055), RASA_PORT (default 5005). The model is models/careerbot.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA=.venv/bin/rasa
MODEL=models/careerbot.tar.gz
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
export TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore RASA_TELEMETRY_ENABLED=false
LOGS=var/log
mkdir -p "$LOGS"

pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT INT TERM

wait_for() {  # URL, name, pid, seconds
    local url=$1 name=$2 pid=$3 limit=$4 waited=0
    until curl -sf "$url" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name did not start; see $LOGS/$name.log" >&2
            tail -20 "$LOGS/$name.log" >&2
            exit 1
        fi
        if (( waited >= limit )); then echo "$name not up after ${limit}s; see $LOGS/$name.log" >&2; exit 1; fi
        sleep 1; waited=$((waited + 1))
    done
}

endpoints=$(mktemp)
printf 'action_endpoint:\n  url: "http://localhost:%s/webhook"\n' "$ACTIONS_PORT" > "$endpoints"

echo "Starting the action server on port $ACTIONS_PORT (reading the knowledge store takes about a minute) ..."
$RASA run actions --actions actions --port "$ACTIONS_PORT" > "$LOGS/actions.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$ACTIONS_PORT/health" actions "${pids[-1]}" 300

case "${1:-run}" in
run)
    WEB_PORT="${WEB_PORT:-8000}"
    echo "Starting the web server (career reports) on port $WEB_PORT ..."
    .venv/bin/python -m bot.web --port "$WEB_PORT" > "$LOGS/web.log" 2>&1 &
    pids+=($!)
    wait_for "http://localhost:$WEB_PORT/health" web "${pids[-1]}" 300
    echo "Starting the Rasa server on port $RASA_PORT ..."
    $RASA run --model "$MODEL" --endpoints "$endpoints" --credentials credentials.yml --port "$RASA_PORT" \
        --interface "${RASA_INTERFACE:-127.0.0.1}" > "$LOGS/rasa.log" 2>&1 &
    pids+=($!)
    wait_for "http://localhost:$RASA_PORT/" rasa "${pids[-1]}" 300
    cat <<EOF

The career bot is running.
  Talk to it over REST:  curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                           -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hi"}'
  Or in a terminal:      make shell   (in another terminal stop this one first, or use other ports)
  Career reports:        http://localhost:$WEB_PORT/reports/43-4051.00/43-4031.00.html?state=ME
  Logs: $LOGS/actions.log, $LOGS/rasa.log. Ctrl-C stops both servers.
EOF
    wait -n "${pids[@]}"
    ;;
shell)
    $RASA shell --model "$MODEL" --endpoints "$endpoints" --port "$RASA_PORT"
    ;;
*)
    echo "usage: $0 run|shell" >&2; exit 2
    ;;
esac
