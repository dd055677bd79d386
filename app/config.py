"""Settings read from the environment; no logic beyond defaults."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

INSTANCE_DIR = Path(os.environ.get("KETING_INSTANCE_DIR", Path(__file__).resolve().parent.parent / "instance"))


def env_flag(name: str, default: bool = False) -> bool:
    """True for 1/true/yes/on in the environment variable, else the default."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def database_url(raw: str | None) -> str:
    """Return a SQLAlchemy URL, defaulting to SQLite in instance/ and psycopg 3 for PostgreSQL."""
    if not raw:
        return f"sqlite:///{INSTANCE_DIR / 'keting.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def site_url(raw: str | None, host: str | None, port: str | None, production: bool) -> str | None:
    """The public address every emailed link starts with.

    Set explicitly it wins (without a trailing slash). In production it must be set: guessing would send
    users links to an internal address, so create_app refuses to start without it (None here). In
    development it follows the HOST and PORT that `make run` serves on, so links in the outbox open the
    running site; a wildcard bind address is reached through the loopback address.
    """
    if raw and raw.strip():
        return raw.strip().rstrip("/")
    if production:
        return None
    host = (host or "").strip() or "127.0.0.1"
    wildcard = "0.0.0.0"  # nosec B104  # recognised to derive SITE_URL from a wildcard bind; binds nothing
    if host in (wildcard, "::", "[::]"):
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    port = (port or "").strip() or "5000"
    return f"http://{host}:{port}"


def trusted_hosts(raw: str | None, site_url: str) -> list[str]:
    """The comma-separated host names in raw, or else the host of site_url."""
    hosts = [host.strip() for host in (raw or "").split(",") if host.strip()]
    return hosts or [urlsplit(site_url).hostname or "localhost"]


class Config:
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {"pool_pre_ping": True}
    SECRET_KEY = os.environ.get("SECRET_KEY")
    BABEL_DEFAULT_LOCALE = "zh_Hans"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_Hans", "en")
    LANG_COOKIE = "keting_lang"
    PER_PAGE = 20
    MAX_PER_PAGE = 50
    MAX_QUERY_CHARS = 100
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Secure cookies whenever the request came over HTTPS (see app/sessions.py); always in production.
    SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE")
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE")
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600
    WTF_CSRF_TIME_LIMIT = 3600 * 8
    # Mail: SMTP when MAIL_SERVER is set, otherwise .eml files in MAIL_OUTBOX_DIR.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT") or 587)
    MAIL_USE_TLS = env_flag("MAIL_USE_TLS", True)
    MAIL_USE_SSL = env_flag("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER") or "Keting <no-reply@keting.local>"
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR") or str(INSTANCE_DIR / "outbox")
    PASSWORD_RESET_MAX_AGE = 3600
    # Rate limits (Flask-Limiter syntax), counted per client address; Redis when RATELIMIT_STORAGE_URI is set.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # /api/v1: requests per personal token, and per address for calls without a token.
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT") or "600 per minute"
    API_ANONYMOUS_RATE_LIMIT = os.environ.get("API_ANONYMOUS_RATE_LIMIT") or "120 per minute"
    # Per address, only failed attempts count, and generously: an office or campus shares one address.
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT") or "30 per minute;200 per hour"
    RESET_RATE_LIMIT = os.environ.get("RESET_RATE_LIMIT") or "5 per 15 minutes;20 per day"
    # Admin setting: edits to a published vendor profile go back to review before they show.
    VENDOR_PROFILE_REVIEW = env_flag("VENDOR_PROFILE_REVIEW")
    # Where the fitted matcher index is saved; empty means instance/matching/.
    MATCHER_DIR = os.environ.get("MATCHER_DIR") or None
    # A change writes a small delta file; once this many (or this many bytes) follow the last full index file, the
    # job worker writes a new one (matcher compaction).
    MATCHER_COMPACT_AFTER = int(os.environ.get("MATCHER_COMPACT_AFTER") or 100)
    MATCHER_COMPACT_BYTES = int(os.environ.get("MATCHER_COMPACT_BYTES") or 16 * 1024 * 1024)
    # Admin curation: scenario-to-scenario similarity (0..1) from which a new or imported scenario is flagged as
    # a near-duplicate; the stored-match score below which a published scenario counts as a capability gap;
    # how long a request may wait before the dashboard lists it as unanswered; spreadsheet upload limits.
    DUPLICATE_THRESHOLD = float(os.environ.get("DUPLICATE_THRESHOLD") or 0.8)
    GAP_SCORE_THRESHOLD = float(os.environ.get("GAP_SCORE_THRESHOLD") or 0.6)
    UNANSWERED_AFTER_DAYS = int(os.environ.get("UNANSWERED_AFTER_DAYS") or 7)
    IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES") or 10 * 1024 * 1024)
    IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS") or 20_000)
    # An .xlsx is a zip: its unpacked size is checked before parsing, so a zip bomb is refused at once.
    IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES") or 100 * 1024 * 1024)
    # Background jobs (app/jobs.py): Huey on Redis when HUEY_URL is redis://..., else SQLite in instance/huey.db.
    # A running job that has not reported for JOB_STALL_SECONDS was killed and can be retried.
    HUEY_URL = os.environ.get("HUEY_URL") or None
    HUEY_IMMEDIATE = env_flag("HUEY_IMMEDIATE")
    JOB_STALL_SECONDS = int(os.environ.get("JOB_STALL_SECONDS") or 300)
    # The living room: unanswered requests expire after this many days; both sides are warned this many days
    # before. SITE_URL starts every link in an email or calendar file (never the request's Host header).
    REQUEST_EXPIRY_DAYS = int(os.environ.get("REQUEST_EXPIRY_DAYS") or 14)
    REQUEST_EXPIRY_WARNING_DAYS = int(os.environ.get("REQUEST_EXPIRY_WARNING_DAYS") or 3)
    # How long an emailed invitation to claim an unclaimed organization stays valid.
    CLAIM_INVITATION_DAYS = int(os.environ.get("CLAIM_INVITATION_DAYS") or 30)
    SITE_URL = site_url(
        os.environ.get("SITE_URL"),
        os.environ.get("HOST"),
        os.environ.get("PORT"),
        production=os.environ.get("KETING_ENV") == "production",
    )
    ROOM_MESSAGES_PER_PAGE = 30
    # Room attachments: the largest file accepted, and where files live ("local": ATTACHMENT_DIR, by default
    # instance/attachments; "s3": an S3-compatible bucket through boto3, `pip install keting[s3]`).
    ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES") or 10 * 1024 * 1024)
    ATTACHMENT_STORAGE = (os.environ.get("ATTACHMENT_STORAGE") or "local").strip().lower()
    ATTACHMENT_DIR = os.environ.get("ATTACHMENT_DIR") or str(INSTANCE_DIR / "attachments")
    S3_BUCKET = os.environ.get("S3_BUCKET") or None
    S3_PREFIX = os.environ.get("S3_PREFIX") or "attachments/"
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
    S3_REGION = os.environ.get("S3_REGION") or None
    # Messages in a room: after one email, further messages from the same room wait this long for the next
    # email (which says how many), unless the person reads the room first.
    NOTIFICATION_EMAIL_GROUP_MINUTES = int(os.environ.get("NOTIFICATION_EMAIL_GROUP_MINUTES") or 15)
    # Hardening (app/security.py). A POST body above MAX_FORM_BYTES (or MAX_UPLOAD_BYTES for a multipart upload)
    # is refused with 413 before it is read; MAX_CONTENT_LENGTH is the ceiling for both.
    MAX_FORM_BYTES = int(os.environ.get("MAX_FORM_BYTES") or 512 * 1024)
    MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES") or IMPORT_MAX_BYTES + 1024 * 1024)
    MAX_CONTENT_LENGTH = MAX_UPLOAD_BYTES
    # Strict-Transport-Security max-age in seconds; 0 leaves the header out (production sets a year).
    HSTS_MAX_AGE = int(os.environ.get("HSTS_MAX_AGE") or 0)
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host (Werkzeug's ProxyFix);
    # 0 trusts none of those headers. Rate limits and the Secure cookie flag depend on getting this right.
    PROXY_FIX = int(os.environ.get("PROXY_FIX") or 0)
    # Rate limits per account (the email tried), beside the per-address ones above, and for sign-ups.
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT") or "5 per minute;20 per hour"
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT") or "5 per hour;20 per day"
    # An outage page asks clients to come back after this many seconds (Retry-After on 503).
    RETRY_AFTER_SECONDS = int(os.environ.get("RETRY_AFTER_SECONDS") or 30)
    # SQLite (the embedded default): how long a writer waits for another's lock before "database is locked".
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS") or 15_000)
    # Cached counts and anonymous pages (app/page_cache.py), keyed by the catalogue generation so that no cached
    # value outlives a change. Redis (CACHE_REDIS_URL, else the Redis of HUEY_URL) is shared by every worker;
    # without it each worker keeps its own copy in memory (CACHE_TYPE=SimpleCache, at most CACHE_THRESHOLD items).
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL") or (
        HUEY_URL if HUEY_URL and HUEY_URL.startswith(("redis://", "rediss://")) else None
    )
    CACHE_TYPE = "RedisCache" if CACHE_REDIS_URL else (os.environ.get("CACHE_TYPE") or "SimpleCache")
    CACHE_DEFAULT_TIMEOUT = int(os.environ.get("CACHE_DEFAULT_TIMEOUT") or 3600)
    CACHE_THRESHOLD = int(os.environ.get("CACHE_THRESHOLD") or 2000)
    CACHE_KEY_PREFIX = "keting:"
    PAGE_CACHE = env_flag("PAGE_CACHE", default=True)
    # A process reads the catalogue generation at most this often (seconds): a cached page then needs no database
    # round trip, and a change shows to anonymous visitors of other workers within this time. 0: every request.
    CATALOGUE_GENERATION_TTL = float(os.environ.get("CATALOGUE_GENERATION_TTL") or 1.0)
    # Lists page through at most this many pages (× PER_PAGE listings); past them a page asks to refine the search.
    MAX_LIST_PAGES = int(os.environ.get("MAX_LIST_PAGES") or 50)
    TESTING = False
    DEBUG = False


class DevConfig(Config):
    DEBUG = False


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"  # nosec B105  # the test configuration only; production refuses a missing key
    SQLALCHEMY_DATABASE_URI = (
        database_url(os.environ.get("TEST_DATABASE_URL")) if os.environ.get("TEST_DATABASE_URL") else "sqlite://"
    )
    WTF_CSRF_ENABLED = False
    MAIL_SERVER = None
    MAIL_OUTBOX_DIR = os.path.join(tempfile.gettempdir(), f"keting-test-outbox-{os.getpid()}")
    RATELIMIT_STORAGE_URI = "memory://"
    VENDOR_PROFILE_REVIEW = False
    ATTACHMENT_STORAGE = "local"
    ATTACHMENT_DIR = os.path.join(tempfile.gettempdir(), f"keting-test-attachments-{os.getpid()}")
    HUEY_IMMEDIATE = True  # tasks run in the caller, eagerly; one test runs them through a real consumer
    CACHE_TYPE = "NullCache"  # nothing is cached unless a test turns the cache on
    CACHE_NO_NULL_WARNING = True
    CATALOGUE_GENERATION_TTL = 0.0
    CACHE_REDIS_URL = None


class ProdConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    HSTS_MAX_AGE = int(os.environ.get("HSTS_MAX_AGE") or 365 * 24 * 3600)
    # Requests naming any other Host are refused (400): links are never built from the Host header anyway
    # (emails use SITE_URL), and refusing the rest keeps a forged Host out of redirects and caches.
    TRUSTED_HOSTS = trusted_hosts(os.environ.get("TRUSTED_HOSTS"), Config.SITE_URL or "")


CONFIGS = {"development": DevConfig, "production": ProdConfig, "testing": TestConfig}
