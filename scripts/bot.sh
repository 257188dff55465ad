#!/usr/bin/env bash
# Start the career bot: the action server (actions/) and the Rasa server, or a terminal chat.
#   scripts/bot.sh run     action server + Rasa server with the REST channel; Ctrl-C stops both
#   scripts/bot.sh shell   action server + `rasa shell` in this terminal
# Ports: ACTIONS_PORT (default 5055), RASA_PORT (default 5005). The model is models/careerbot.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA=.venv/bin/rasa
# The Rasa server and shell: `rasa` plus a clear answer when an action fails (bot/rasa_server.py)
RASA_SERVER=(.venv/bin/python -m bot.rasa_server)
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
    rm -f "${endpoints:-}"  # it can hold the tracker database's password
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

if [[ "${1:-run}" == run ]]; then
    # The web server below serves the reports and the gap charts the answers link to, and the chat page,
    # whose widget talks to the Rasa server's socket.io channel (bot/channels/).
    WEB_PORT="${WEB_PORT:-8000}"
    export CAREERBOT_REPORT_BASE="${CAREERBOT_REPORT_BASE:-http://localhost:$WEB_PORT}"
    export CAREERBOT_RASA_URL="${CAREERBOT_RASA_URL:-http://localhost:$RASA_PORT}"
fi

endpoints=$(mktemp)
# action server + SQL tracker store (CAREERBOT_TRACKER_URL, default var/tracker.sqlite); see bot/endpoints.py
.venv/bin/python -m bot.endpoints "$endpoints" --actions-url "http://localhost:$ACTIONS_PORT/webhook"

echo "Starting the action server on port $ACTIONS_PORT (reading the knowledge store takes about a minute) ..."
$RASA run actions --actions actions --port "$ACTIONS_PORT" > "$LOGS/actions.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$ACTIONS_PORT/health" actions "${pids[-1]}" 300

case "${1:-run}" in
run)
    echo "Starting the web server (career reports) on port $WEB_PORT ..."
    .venv/bin/python -m bot.web --port "$WEB_PORT" > "$LOGS/web.log" 2>&1 &
    pids+=($!)
    wait_for "http://localhost:$WEB_PORT/health" web "${pids[-1]}" 300
    echo "Starting the Rasa server on port $RASA_PORT ..."
    "${RASA_SERVER[@]}" run --model "$MODEL" --endpoints "$endpoints" --credentials credentials.yml --port "$RASA_PORT" \
        --cors "*" --interface "${RASA_INTERFACE:-127.0.0.1}" > "$LOGS/rasa.log" 2>&1 &
    pids+=($!)
    wait_for "http://localhost:$RASA_PORT/" rasa "${pids[-1]}" 300
    cat <<EOF

The career bot is running.
  Chat in a browser:     http://localhost:$WEB_PORT/
  SMS and Slack:         see "Channels" in README.md (set TWILIO_AUTH_TOKEN / SLACK_SIGNING_SECRET first)
  Talk to it over REST:  curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                           -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hi"}'
  Or in a terminal:      make shell   (in another terminal stop this one first, or use other ports)
  Career reports:        http://localhost:$WEB_PORT/reports/43-4051.00/43-4031.00.html?state=ME
  Logs: $LOGS/actions.log, $LOGS/rasa.log. Ctrl-C stops both servers.
EOF
    wait -n "${pids[@]}"
    ;;
shell)
    "${RASA_SERVER[@]}" shell --model "$MODEL" --endpoints "$endpoints" --port "$RASA_PORT"
    ;;
*)
    echo "usage: $0 run|shell" >&2; exit 2
    ;;
esac
