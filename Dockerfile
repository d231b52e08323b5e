# docverify: one base image, two targets.
#   docker build --target api    -t docverify-api .
#   docker build --target worker -t docverify-worker .
# Both need DATABASE_URL (PostgreSQL) and REDIS_URL, and a shared DOCVERIFY_UPLOAD_DIR volume or an object
# store (DOCVERIFY_STORAGE=s3://…; compose.yaml runs them that way) (see README, "HTTP API"). Both run as production: without DOCVERIFY_ENCRYPTION_KEYS and DOCVERIFY_NIK_HASH_KEY (and, for
# the api, DOCVERIFY_REVIEW_SESSION_SECRET) they refuse to start, naming what is missing (docs/deploy.md).
FROM python:3.11-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 DOCVERIFY_ENV=prod \
    DOCVERIFY_DATA_DIR=/opt/docverify/data DOCVERIFY_UPLOAD_DIR=/var/lib/docverify/uploads
RUN apt-get update && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /opt/docverify --shell /usr/sbin/nologin docverify
WORKDIR /opt/docverify
COPY pyproject.toml README.md alembic.ini ./
COPY models ./models
COPY primitives ./primitives
COPY docverify ./docverify
COPY service ./service
COPY workers ./workers
# rapidocr --no-deps: it must not pull a second OpenCV wheel (opencv-python-headless); see the Makefile
# editable: the model manifest is read from /opt/docverify/models beside the code
RUN pip install -e . && pip install --no-deps 'rapidocr==3.10.0' \
    && docverify models build \
    && mkdir -p /var/lib/docverify/uploads \
    && chown -R docverify:docverify /opt/docverify/data /var/lib/docverify
USER docverify

FROM base AS api
# the API's metrics on their own port (service.metrics), reachable from outside the container: publish 9807
# on an internal network only; 8000 carries no /metrics
ENV DOCVERIFY_METRICS_HOST=0.0.0.0
EXPOSE 8000 9807
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz')"
# behind the TLS proxy: X-Forwarded-For/-Proto are believed from FORWARDED_ALLOW_IPS (set it to the proxy's
# address), so that audit rows carry the clerk's IP (docs/deploy.md)
CMD ["uvicorn", "--factory", "service.main:create_app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]

FROM base AS worker
# metrics of all the worker's processes on :9808/metrics (workers.metrics), reachable from outside the container
ENV DOCVERIFY_WORKER_CONCURRENCY=1 DOCVERIFY_WORKER_METRICS_HOST=0.0.0.0
EXPOSE 9808
CMD ["docverify", "worker"]
