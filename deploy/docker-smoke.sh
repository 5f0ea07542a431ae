#!/bin/sh
# Build the image and check that a container of it turns healthy against a fake Telegram and a
# loopback board, and that one with a folder for its config.toml stops at once: the checks the
# Docker way of docs/operating.md (Deploy) rests on. Needs a Docker engine; run it from
# the checkout after `make test` (it uses .venv and tests/fake_telegram.py).
#   deploy/docker-smoke.sh                      # builds on python:3.12-slim
#   JOBBOT_BASE=my-python:3.11 deploy/docker-smoke.sh   # any image with python and pip
set -eu
cd "$(dirname "$0")/.."
base=${JOBBOT_BASE:-python:3.12-slim}
work=$(mktemp -d)
name=jobbot-smoke-$$
cleanup() {
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker volume rm "$name" >/dev/null 2>&1 || true
    kill "$fake" "$board" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

docker build -q --build-arg BASE="$base" -t jobbot:smoke . >/dev/null
cp tests/fixtures/sources/greenhouse/jobs.json "$work/jobs.json"
.venv/bin/python -c '
import sys, time; sys.path.insert(0, ".")
from tests.fake_telegram import FakeTelegram
print(FakeTelegram().start().api_url, flush=True)
while True: time.sleep(60)' >"$work/fake.url" &
fake=$!
.venv/bin/python -m http.server 0 --bind 127.0.0.1 --directory "$work" >"$work/board.log" 2>&1 &
board=$!
for _ in $(seq 50); do
    [ -s "$work/fake.url" ] && grep -q "port" "$work/board.log" && break
    sleep 0.2
done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/board.log")
cat >"$work/config.toml" <<CONF
[telegram]
api_url = "$(cat "$work/fake.url")"
[storage]
path = "/data/jobbot.db"
[[boards]]
name = "Acme"
kind = "greenhouse"
url = "http://127.0.0.1:$port/jobs.json"
CONF
docker run -d --name "$name" --network host -e TELEGRAM_BOT_TOKEN=123456:smoke-test-token \
    --health-interval 2s --health-start-period 5s \
    -v "$name:/data" -v "$work/config.toml:/etc/jobbot/config.toml:ro" jobbot:smoke >/dev/null
for _ in $(seq 60); do
    status=$(docker inspect --format '{{.State.Health.Status}}' "$name")
    [ "$status" = healthy ] && break
    sleep 1
done
docker logs "$name" 2>&1 | tail -n 5
echo "health: $status; user: $(docker exec "$name" id -un); $(docker exec "$name" jobbot --version)"
docker stop -t 20 "$name" >/dev/null
echo "exit status after SIGTERM: $(docker inspect --format '{{.State.ExitCode}}' "$name")"
# A folder where config.toml belongs (what `docker run -v` makes for a missing file) stops the
# container with exit status 2; it never runs the packaged example instead.
mkdir "$work/folder.toml"
folder=0
docker run --rm -v "$work/folder.toml:/etc/jobbot/config.toml:ro" jobbot:smoke \
    >/dev/null 2>"$work/folder.err" || folder=$?
echo "config.toml a folder: exit status $folder: $(cat "$work/folder.err")"
[ "$status" = healthy ] && [ "$folder" = 2 ]
