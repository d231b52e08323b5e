"""All settings in one place, read from the environment (prefix DOCVERIFY_) and an optional .env file."""

from __future__ import annotations

import ipaddress
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from primitives.formats import Limits

DEV_REVIEW_SECRET = "dev-only-review-session-secret"  # refused outside env=dev (Settings.review_secret_problem)
DEV_NIK_HASH_KEY = "dev-only-nik-hash-key"  # a development default like DEV_REVIEW_SECRET
# base64 of b"docverify-dev-only-encryption-k!" (32 bytes): refused outside env=dev like the secrets above
DEV_ENCRYPTION_KEYS = "dev:ZG9jdmVyaWZ5LWRldi1vbmx5LWVuY3J5cHRpb24tayE="


# Checks that failed on more than 2 % of untouched clean-room cards (make eval-cleanroom, 274 cards:
# text_edit 26 %, photocopy 22 %, face_photo 5.8 %, screen 4.4 %): see info_checks
INFO_CHECKS: tuple[str, ...] = ("text_edit", "photocopy", "face_photo", "screen")


class RemoteRegistry(BaseModel):
    """A registry answered by another system over the network (issue 24, docs/registry-protocol.md): docverify
    sends the NIK and the fields it read and gets per-field verdicts back, never a record."""

    url: str  # the verdict endpoint, e.g. https://b.example/v1/registries/dukcapil/verifications
    adapter: Literal["docverify", "dukcapil"] = "docverify"  # the wire format (service.registry.adapters)
    api_key: SecretStr | None = None  # sent as `Authorization: Bearer …`
    timeout_s: float | None = Field(default=None, gt=0)  # per attempt; default registry_remote_timeout_s
    # TLS: a CA bundle to trust instead of the system's, and a client certificate (mutual TLS) if the owner asks
    ca_file: str | None = None
    client_cert: str | None = None
    client_key: str | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")) or len(value) > 2048 or any(c.isspace() for c in value):
            raise ValueError("a remote registry's url must be an http(s) URL")
        return value


class UnsafeSettings(RuntimeError):
    """The API or a worker must not start with these settings (raised by `Settings.require_safe`)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCVERIFY_", env_file=".env", extra="ignore")

    # Production unless told otherwise (issue 19): a deployment that forgets to say what it is must not run on
    # the development keys. `make run`, `docverify serve` and the tests set DOCVERIFY_ENV=dev themselves.
    env: Literal["dev", "test", "prod"] = "prod"
    data_dir: Path = Path("data")

    # OCR
    # paddleocr: PaddleOCR's pipeline on ONNX Runtime; openvino: the same pipeline with its models run by
    # OpenVINO (same ONNX files); rapidocr: RapidOCR on ONNX Runtime (docs/reading.md, OCR backends)
    ocr_backend: Literal["paddleocr", "openvino", "rapidocr"] = "openvino"
    # OpenVINO's arithmetic: f32 (the weights' own precision), bf16 (faster on CPUs with bf16 units, and
    # OpenVINO's own default there; reads can differ) or int8 (the shipped int8 models, models/int8, made by
    # scripts/quantise_models.py; docs/performance.md)
    ocr_precision: Literal["f32", "bf16", "int8"] = "f32"
    # int8: lines read below this confidence are read again by the f32 recogniser, which also takes the second
    # looks (0 = int8 alone, no f32 recogniser loaded)
    ocr_int8_recheck_below: float = Field(default=0.95, ge=0.0, le=1.0)
    ocr_threads: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1))
    ocr_det_limit_side_len: int = 640

    # Image quality and authenticity checks (workers.pipeline.quality, .authenticity). "basic": resolution and
    # blur only, never a retake or review; "all" (default): every check, failed ones carry action retake/review.
    # Thresholds chosen on the labelled check set (README, "Image checks"): at most 2 % false rejects on clean.
    checks: Literal["basic", "all"] = "all"
    check_min_card_width: float = 400.0  # px across the card in the upload
    check_min_blur_variance: float = 60.0  # variance of the Laplacian on the flattened card
    check_max_glare_share: float = 0.02  # share of the text area washed out to white
    check_min_brightness: float = 70.0  # median grey level of the card
    check_max_brightness: float = 245.0
    check_max_clipped_share: float = 0.25  # share of the card at full white
    check_min_edge_margin: float = 0.004  # card corners' distance from the frame edge, share of the long side
    check_max_edge_asymmetry: float = 0.25  # card colour along one frame edge more than along the opposite one
    check_min_background_blue: float = 2.0  # median −b* (Lab) of the card background: below, a greyscale copy
    check_min_colourfulness: float = 14.0  # spread of the card's colours (authenticity.colourfulness): below, grey
    check_max_screen_grid: float = 1.45  # fine periodic peaks all over the card's spectrum: above, a screen
    check_min_face_windows: int = 4  # Haar face windows (luminance + green) around the photo's centre: below, no face
    check_max_text_deviation: float = 5.0  # one value line's type height/stroke/baseline off the others
    check_max_glyph_deviation: float = 7.0  # one value line's characters unlike the same ones elsewhere
    check_specimen_niks: tuple[str, ...] = ("3171234567890123",)

    # Input limits
    max_upload_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 50_000_000
    max_side: int = 20_000  # px, either side of one page: a 40000×100 strip is small in pixels but not a page
    max_pages: int = 10

    # Services (used from the HTTP service on)
    database_url: str = Field(default="", validation_alias=AliasChoices("DATABASE_URL", "DOCVERIFY_DATABASE_URL"))
    redis_url: str = Field(default="", validation_alias=AliasChoices("REDIS_URL", "DOCVERIFY_REDIS_URL"))

    # HTTP API
    host: str = "127.0.0.1"
    port: int = 8000
    upload_dir: Path | None = None  # default: data_dir/uploads
    # Where uploads and card images are kept (service.storage, issue 22): "" (default) the upload directory
    # above; "s3://bucket/prefix" an S3-compatible object store, so that API and worker hosts share no disk.
    # The objects are the same AES-GCM blobs as the files. Credentials: the two settings below, else boto3's
    # own chain (AWS_* variables, instance roles).
    storage: str = ""
    s3_endpoint_url: str = ""  # e.g. http://seaweedfs:8333; empty: AWS's own endpoints
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: SecretStr | None = None
    s3_connect_timeout_s: float = 5.0
    s3_read_timeout_s: float = 30.0
    # attempts per request (boto3 "standard" retries, backing off up to 20 s): an object store restarting
    # for a few seconds costs a slow request, not a failed upload
    s3_max_attempts: int = Field(default=8, ge=1)
    max_request_bytes: int = 60 * 1024 * 1024  # a whole multipart body
    max_files: int = 10
    pdf_render_dpi: int = 200
    idempotency_in_flight_s: int = 120  # an unfinished reservation older than this is taken over

    # Queue and workers
    worker_concurrency: int = 1  # processes per worker; each loads the OCR engine once
    worker_nice: int = 10  # CPU priority given up by OCR processes, so an API on the same cores stays quick
    # a new worker process loads and warms the OCR engine before it reports up; Celery's 4 s default kills it
    # and starts another when the cores are busy (seen: 36 s at nice 10 beside two busy processes), for ever
    worker_start_timeout_s: float = 300.0
    # Bounded worker memory (issue 22): OCR processes grow with use (a `docverify verify` of 180 cards: 1.02 →
    # 1.31 GB resident; native Paddle users report more). Celery replaces a worker process after this many
    # jobs, or after a job that left it above this resident size; the job in hand always finishes first, and
    # the new process loads and warms its engine before it takes work (worker_start_timeout_s). 0: no bound.
    # Measured (make bench-soak, documents of every type): one worker process settles at about 2.0 GB after
    # ten documents and stays there; the bound is 1.5 times that, so that only real growth replaces a process
    # (a replacement costs an engine warm-up, 20-40 s here).
    worker_max_tasks_per_child: int = Field(default=500, ge=0)
    # 1.4 x the largest resident size after a document in `make bench-soak` (1,428 MB over 1,000 documents)
    worker_max_memory_per_child_mb: int = Field(default=2048, ge=0)
    task_soft_time_limit_s: int = 120
    task_time_limit_s: int = 180
    broker_visibility_timeout_s: int = 3600  # must stay above the hard time limit
    max_attempts: int = 3  # deliveries of one job before it is failed as WORKER_CRASHED_REPEATEDLY
    requeue_after_s: int = 300  # a queued job this long unclaimed is sent again (a message lost by the broker)
    sweep_interval_s: int = 15
    heartbeat_s: float = 5.0  # a processing job's heartbeat period
    stale_after_s: float = 30.0  # a processing job whose heartbeat is older is taken as abandoned

    # Observability (service.observability, service.metrics, workers.metrics)
    log_format: Literal["json", "text"] = "json"  # one JSON object per line; NIK-shaped numbers always masked
    log_level: str = "INFO"
    access_log: bool = True  # one line per HTTP request with its request id (replaces uvicorn's access log)
    metrics_enabled: bool = True  # the API's HTTP and state metrics
    # … served on their own listener (Prometheus convention), never on the public API port; 0: not served
    metrics_port: int = 9807
    metrics_host: str = "127.0.0.1"
    worker_metrics_port: int = 9808  # each `docverify worker` serves its processes' metrics here; 0: off
    worker_metrics_host: str = "127.0.0.1"

    # Registries, matching and decisions (service.registry, service.verifications.decision)
    default_registry: str = "dukcapil"  # used when a submission names none and it exists
    # bootstrap/operator path: X-Admin-Token acts with the admin scope on the shared admin endpoints (registry
    # imports, programs) but is no client, so it reads no verifications. Unset (the default): API keys only.
    admin_token: SecretStr | None = None
    registry_import_max_bytes: int = 1024 * 1024 * 1024
    registry_import_batch: int = 10_000
    candidate_block_limit: int = 500  # records read per search without a usable NIK
    match_min_score: float = 85.0  # overall registry score for status "match"
    match_min_name_score: float = 80.0
    verify_min_score: float = 88.0  # overall score for an automatic "verified"
    verify_min_name_score: float = 88.0
    reject_max_name_score: float = 55.0  # NIK found, name this far off: NIK_BELONGS_TO_OTHER_PERSON
    review_confidence: float = 0.80  # a field read below this goes to a clerk …
    review_fields: tuple[str, ...] = (
        "nik",
        "name",
        "birth_place",
        "birth_date",
        "sex",
        "address",
        "rt_rw",
        "village",
        "district",
        "regency",
        "province",
    )  # … if it is one of these
    reject_corroborating_fields: tuple[str, ...] = ("birth_place", "address")
    reject_min_confidence: float = 0.90  # NIK and name must be read at least this surely to reject
    claim_agree_score: float = 100.0  # claim fields agree when equal after normalisation: a typo is a difference
    # Checks whose failure is reported as information (an `info` reason), never as a reason for review: those
    # that failed on more than 2 % of legible, untouched captures of either renderer (README, "Image checks").
    # A check that cries wolf teaches clerks to ignore it. Set to () to have every failed check reviewed.
    info_checks: tuple[str, ...] = INFO_CHECKS

    # Remote registries (issue 24, docs/registry-protocol.md): a registry name → where its owner answers per-field
    # verdicts. JSON, e.g. {"dukcapil": {"url": "https://b/v1/registries/dukcapil/verifications", "api_key": "…"}}.
    # A name listed here is asked remotely, whether or not a registry of that name was imported.
    registry_remotes: Annotated[dict[str, RemoteRegistry], NoDecode] = Field(default_factory=dict)
    registry_remote_timeout_s: float = Field(default=3.0, gt=0)  # connect + read, per attempt
    registry_remote_attempts: int = Field(default=3, ge=1, le=10)  # tries per lookup (timeouts, 5xx, 429)
    registry_remote_backoff_s: float = Field(default=0.2, ge=0)  # first back-off (full jitter), doubled per try
    # a lookup gives up after this long whatever the attempts left: the job then ends needs_review /
    # REGISTRY_UNAVAILABLE (must stay well below task_soft_time_limit_s)
    registry_remote_deadline_s: float = Field(default=10.0, gt=0)
    registry_breaker_failures: int = Field(default=5, ge=1)  # failed lookups in a row that open the breaker …
    registry_breaker_open_s: float = Field(default=30.0, ge=0)  # … for this long; then one trial lookup
    # docverify as a registry owner: POST /v1/registries/{name}/verifications (scope registry_verify)
    registry_verdict_rate_limit: int = Field(default=300, ge=0)  # per client and window; 0: no limit
    registry_verdict_rate_window_s: int = Field(default=60, ge=1)
    registry_verdict_match_score: float = Field(default=90.0, ge=0, le=100)  # a field's `match` from its score

    # Clerk review UI (service.review, mounted at /review)
    review_enabled: bool = True
    # keys the stored session tokens (HMAC): a database dump alone gives no usable cookie. Outside env=dev
    # the API refuses to start the review UI with this default (service.main.create_app).
    review_session_secret: SecretStr = SecretStr(DEV_REVIEW_SECRET)
    review_session_ttl_s: int = 8 * 3600  # one working day; logout ends it earlier
    review_cookie_secure: bool | None = None  # None: Secure cookies everywhere except env=dev
    review_max_failed_logins: int = 5  # failures in a row that lock an account …
    review_lockout_s: int = 15 * 60  # … for this long (or until `docverify clerk unlock`)
    # failed logins per client IP across all accounts (password spraying): over it, 429 before any password is
    # checked; counted in Redis like the API's limits (no Redis: not counted). 0: no limit
    review_login_ip_limit: int = 20
    review_login_ip_window_s: int = 15 * 60
    review_min_password_length: int = 10
    review_queue_page_size: int = 50
    review_card_jpeg_quality: int = 85  # the flattened card kept by the worker for the case page
    # issue 21: a clerk's decision can be undone for this long; its `verification.reviewed` webhook waits as long
    review_undo_s: int = Field(default=20, ge=0, le=600)
    # the office's time zone for times in the review UI: WIB, WITA or WIT; unset: each case's own, from its NIK
    review_timezone: Literal["WIB", "WITA", "WIT"] | None = None

    # Keys the stored NIK hash (HMAC-SHA256, service.crypto.nik_hash): NIKs can be looked up and linked across
    # verifications without being stored in clear. Changing it orphans every stored hash.
    nik_hash_key: SecretStr = SecretStr(DEV_NIK_HASH_KEY)
    # Encryption at rest (service.crypto, issue 9): "id:base64key,…", AES-256-GCM; the first key encrypts new
    # data, every listed key decrypts. Rotate: put a new key first, run `docverify privacy reencrypt`, then drop
    # the old one. Generate a key with `docverify privacy new-key`.
    encryption_keys: SecretStr = SecretStr(DEV_ENCRYPTION_KEYS)

    # Retention and purge (service.privacy, issue 9): personal data of a finished verification is kept this
    # many days after it finished unless a policy per client / document type says otherwise
    # (`docverify privacy retention set`); then `docverify purge` (cron) keeps only the minimal record.
    retention_days: int = Field(default=90, ge=0)
    purge_batch: int = 500  # verifications purged per transaction

    # Fraud signals across submissions (service.fraud, issue 10). Each signal sends a case to a clerk
    # (needs_review), never rejects it. Hamming radii of the 64-bit perceptual hashes (workers.pipeline.
    # fingerprint) chosen on the labelled reuse set of seed 11 and measured on seed 22 (README, "Fraud signals").
    fraud_enabled: bool = True
    fraud_same_picture_radius: int = 2  # card, value column and photo hashes all within this: the same picture
    fraud_card_radius: int = 6  # whole card within this and the value column within fraud_text_radius: a near …
    fraud_text_radius: int = 8  # … copy, counted only when the read RT/RW + village (or NIK) agree too
    fraud_content_card_radius: int = 28  # the same card content read (NIK, name, birth date) and a card this close
    fraud_photo_radius: int = 0  # the photo area on a card with another NIK (synthetic portraits collide at 1)
    fraud_nik_window_days: int = 180  # NIK_IN_OTHER_APPLICATION: other applications this recent
    fraud_cluster_window_days: int = 180  # ADDRESS_CLUSTER counts applicants over this window
    fraud_address_threshold: int = 4  # more applicants (distinct NIKs) than this at one address …
    fraud_rt_rw_threshold: int = 25  # … or in one RT/RW of a village
    # SUBMISSION_BURST is keyed on who is behind the submissions, never on the client alone (a front office is
    # one client for every clerk and applicant it serves; it may send hundreds an hour, README "Fraud signals"):
    fraud_burst_nik_count: int = Field(default=5, ge=1)  # more submissions for one applicant NIK than this …
    fraud_burst_operator_count: int = Field(default=60, ge=1)  # … or by one operator of one client (when sent) …
    fraud_burst_minutes: int = Field(default=10, ge=1)  # … within this many minutes
    fraud_max_linked: int = 20  # linked verification ids kept per signal

    # API clients and keys (service.clients, service.auth): `Authorization: Bearer dvk_<id>_<secret>`
    api_key_rotation_overlap_s: int = 24 * 3600  # a rotated key keeps working this long (default)
    rate_limit_requests: int = 600  # per client and window, counted in Redis (REDIS_URL); 0: no limit
    rate_limit_window_s: int = 60  # fixed window
    # failed authentication (401/403) per client IP, counted in Redis like the rate limit: over it, 429 before
    # the key is even looked at. Behind a reverse proxy the client IP must come from its forwarded headers.
    auth_failure_limit: int = 30  # 0: no limit
    auth_failure_window_s: int = 300
    max_queued_per_client: int = 200  # queued + processing jobs of one client; more: 429 QUEUE_FULL
    queue_full_retry_after_s: int = 30

    # Webhooks (service.webhooks): Standard Webhooks signatures, retried with exponential backoff, then dead
    webhook_timeout_s: float = 10.0  # per attempt (connect + read)
    webhook_backoff_base_s: float = 30.0  # first retry after this; doubled each time …
    webhook_backoff_max_s: float = 3600.0  # … up to this
    webhook_max_age_s: float = 24 * 3600.0  # then dead-lettered (listed, can be redelivered)
    webhook_poll_interval_s: float = 2.0  # how often a worker looks for due deliveries
    webhook_batch: int = 20  # deliveries claimed per look
    webhook_lease_s: float = 60.0  # a claimed attempt not finished after this is taken over
    # callback URLs must resolve to global addresses; these networks are allowed anyway (e.g. "10.0.0.0/8"
    # for an intranet front office, "127.0.0.1/32" in tests). Comma separated or a JSON list.
    webhook_allow_networks: Annotated[tuple[str, ...], NoDecode] = ()

    @field_validator("storage")
    @classmethod
    def _storage_url(cls, value: str) -> str:
        """A typo in the storage URL must stop the start, not put uploads somewhere unexpected."""
        text = value.strip()
        if text and not (text.startswith("file://") or (text.startswith("s3://") and len(text) > len("s3://"))):
            raise ValueError(
                "DOCVERIFY_STORAGE must be empty (the upload directory), file:///path or s3://bucket/prefix"
            )
        return text

    @field_validator("registry_remotes", mode="before")
    @classmethod
    def _remotes(cls, value: object) -> object:
        """JSON text (the environment) or a mapping; each name must be a registry name."""
        if isinstance(value, str):
            value = json.loads(value) if value.strip() else {}
        if isinstance(value, dict):
            for name in value:
                if (
                    not isinstance(name, str)
                    or not name
                    or len(name) > 64
                    or not all(c.isalnum() or c in "._-" for c in name)
                ):
                    raise ValueError(f"registry name {name!r} in DOCVERIFY_REGISTRY_REMOTES is not valid")
        return value

    @field_validator("webhook_allow_networks", mode="before")
    @classmethod
    def _networks(cls, value: object) -> object:
        """Comma separated or a JSON list; each entry must be an IP network (a typo must not pass silently)."""
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else [v.strip() for v in text.split(",") if v.strip()]
        if isinstance(value, (list, tuple)):
            for net in value:
                ipaddress.ip_network(str(net), strict=False)
        return value

    def file_limits(self) -> Limits:
        """The upload limits, as the API checks them on acceptance and the pipeline again on decode."""
        return Limits(
            max_bytes=self.max_upload_bytes,
            max_pixels=self.max_pixels,
            max_side=self.max_side,
            max_pages=self.max_pages,
            pdf_dpi=self.pdf_render_dpi,
        )

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def uploads_dir(self) -> Path:
        return self.upload_dir or self.data_dir / "uploads"

    @property
    def sqlalchemy_url(self) -> str:
        """DATABASE_URL when set, else an SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'docverify.db'}"

    @property
    def review_secure_cookies(self) -> bool:
        return self.review_cookie_secure if self.review_cookie_secure is not None else self.env != "dev"

    def review_secret_problem(self) -> str | None:
        """Why the review UI must not start with these settings, or None."""
        if self.env != "dev" and self.review_session_secret.get_secret_value() == DEV_REVIEW_SECRET:
            return (
                "DOCVERIFY_REVIEW_SESSION_SECRET is the development default; set a long random secret "
                "(or DOCVERIFY_REVIEW_ENABLED=false) outside env=dev"
            )
        if len(self.review_session_secret.get_secret_value()) < 16:
            return "DOCVERIFY_REVIEW_SESSION_SECRET must be at least 16 characters"
        return None

    def privacy_key_problem(self) -> str | None:
        """Why the API or a worker must not start with these keys, or None (dev defaults only in env=dev)."""
        if self.env != "dev":
            if self.encryption_keys.get_secret_value() == DEV_ENCRYPTION_KEYS:
                return (
                    "DOCVERIFY_ENCRYPTION_KEYS is the development default; set your own keys "
                    "(`docverify privacy new-key`) outside env=dev"
                )
            if self.nik_hash_key.get_secret_value() == DEV_NIK_HASH_KEY:
                return "DOCVERIFY_NIK_HASH_KEY is the development default; set a long random secret outside env=dev"
        if len(self.nik_hash_key.get_secret_value()) < 16:
            return "DOCVERIFY_NIK_HASH_KEY must be at least 16 characters"
        return None

    def missing_secrets(self, *, review: bool) -> list[str]:
        """The secrets still at their development default outside env=dev: each must be set explicitly.
        `review`: the API with the review UI also needs its own session secret (a worker does not)."""
        if self.env == "dev":
            return []
        missing = []
        if self.encryption_keys.get_secret_value() == DEV_ENCRYPTION_KEYS:
            missing.append("DOCVERIFY_ENCRYPTION_KEYS")
        if self.nik_hash_key.get_secret_value() == DEV_NIK_HASH_KEY:
            missing.append("DOCVERIFY_NIK_HASH_KEY")
        if review and self.review_enabled and self.review_session_secret.get_secret_value() == DEV_REVIEW_SECRET:
            missing.append("DOCVERIFY_REVIEW_SESSION_SECRET")
        return missing

    def require_safe(self, *, review: bool, what: str) -> None:
        """Refuse to start `what` (the API, a worker) with development secrets outside env=dev, naming every
        missing setting at once, or with a secret too short to be one."""
        missing = self.missing_secrets(review=review)
        if missing:
            raise UnsafeSettings(
                f"{what} refuses to start: DOCVERIFY_ENV={self.env} (production is the default) needs explicit "
                f"secrets, and these are not set: {', '.join(missing)}. Generate them as docs/deploy.md says "
                "(`docverify privacy new-key` for DOCVERIFY_ENCRYPTION_KEYS, a long random string for the others); "
                "for development only, set DOCVERIFY_ENV=dev."
            )
        problem = self.privacy_key_problem() or (
            self.review_secret_problem() if review and self.review_enabled else None
        )
        if problem is not None:
            raise UnsafeSettings(f"{what} refuses to start: {problem}")

    @property
    def worker_ocr_threads(self) -> int:
        """OCR threads per worker process: the cores shared among the processes."""
        return max(1, (os.cpu_count() or 1) // max(1, self.worker_concurrency))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
