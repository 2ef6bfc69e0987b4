"""Settings read from the environment; defaults give a working laptop install on SQLite."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PHOHANG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: `make run`, the tests and the bench scripts turn it on explicitly.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-phohang-" + "x" * 40
# Keys for identity numbers encrypted at rest, newest first (comma-separated): the first
# encrypts, all decrypt. Separate from SECRET_KEY so either can be rotated alone; required when
# DEBUG is off (a system check refuses to start without it).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEYS and DEBUG:
    FIELD_ENCRYPTION_KEYS = ["dev-only-field-key-phohang"]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks_db",
    "channels",
    "phohang.core",
    "phohang.geo",
    "phohang.accounts",
    "phohang.sellers",
    "phohang.catalog",
    "phohang.search",
    "phohang.orders",
    "phohang.payments",
    "phohang.trade",
    "phohang.messaging",
    "phohang.logistics",
    "phohang.expo",
    "phohang.livestream",
    "phohang.directory",
    "phohang.markets",
    "phohang.compliance",
    "phohang.insights",
    "phohang.site",
    "phohang.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "phohang.core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "phohang.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "phohang.core.middleware.SiteNotFoundPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "phohang.core.middleware.SecurityHeadersMiddleware",
    "phohang.core.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phohang.site.context_processors.site",
            ],
            "builtins": ["phohang.core.templatetags.phohang"],
        },
    }
]

# Database: SQLite (WAL) in var/ unless DATABASE_URL names another one.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "phohang.sqlite3"}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE makes writers queue for the lock at BEGIN instead of failing mid-way.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    )
    # Connections are kept between requests, as PostgreSQL's are: opening one runs the PRAGMAs
    # above, about 1.5 ms of CPU and more of wall time on every request.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("SQLITE_CONN_MAX_AGE", "60"))
elif os.environ.get("DATABASE_SERVER_SIDE_BINDING", "1") == "1":
    # PostgreSQL: bind parameters on the server, so statements a connection repeats can be
    # prepared once instead of parsed and planned each time.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    # Django turns psycopg's prepared statements off (for transaction-mode poolers older than
    # PgBouncer 1.21); a statement run this many times on a connection is prepared. Planning
    # the checkout's joins cost more database CPU than running them. 0 = off.
    prepare_after = int(os.environ.get("DATABASE_PREPARE_THRESHOLD", "5"))
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = prepare_after or None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["phohang.accounts.backends.EmailOrPhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "phohang.accounts.validators.MaximumLengthValidator"},
]

# Brute-force protection: attempts per account and per client address in fixed windows.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900"))
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("LOGIN_IP_FAILURE_LIMIT", "50"))
# Authority and admin sessions end after this much inactivity (ASVS 3.3.2).
STAFF_IDLE_TIMEOUT_SECONDS = int(os.environ.get("STAFF_IDLE_TIMEOUT_SECONDS", "1800"))
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
# Days are typed day first in both languages (config/formats, phohang.core.widgets.DayInput).
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Request-size limits: oversized bodies answer 400, never 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
API_MAX_PAGE_SIZE = 100

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "phohang_cache",
        # Catalog listing pages and cards live here: Django's default of 300 entries would cull
        # them, and the catalog generation with them, within minutes of browsing.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
# Rate limits (sign-in, second factor, password reset, payment callbacks) count in Redis when
# REDIS_URL is set, otherwise in a database table; keys start with this prefix in Redis.
RATE_LIMIT_KEY_PREFIX = os.environ.get("RATE_LIMIT_KEY_PREFIX", "phohang:")
# Addresses or networks of the proxies in front of the app (e.g. "127.0.0.1,10.0.0.0/8"): the
# client address is read from X-Forwarded-For through them, right to left. Empty: REMOTE_ADDR.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS hardening is on whenever DEBUG is off; a TLS-terminating proxy sets X-Forwarded-Proto.
HTTPS = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Phố Hàng <no-reply@phohang.vn>")
# Django 6.1 mailers; SMTP options apply only to the SMTP backend (others refuse unknown options).
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }

# Background work: run inline on a laptop; with TASKS_BACKEND=database a `manage.py db_worker`
# process runs the queue stored in the database (PostgreSQL or SQLite).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}

OTP_TOTP_ISSUER = "Phố Hàng"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_pii": {"()": "phohang.core.logging.RedactPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_pii"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Every finished task is logged at INFO; in a terminal that drowns out the server log.
        "django.tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "phohang": {
            "handlers": ["console"],
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
CSRF_FAILURE_VIEW = "phohang.site.views.csrf_failure"

# Payments. The local VNPay sandbox (a stand-in for the bank page and the refund API) exists only
# with DEBUG=1 and VNPAY_SANDBOX=1 (`make run` and the tests set both); with DEBUG=0 the real
# merchant credentials must be given, or VNPay switched off with VNPAY_ENABLED=0: the
# `payments` system checks refuse to start otherwise.
VNPAY_ENABLED = env_bool("VNPAY_ENABLED", True)
VNPAY_SANDBOX = DEBUG and env_bool("VNPAY_SANDBOX", False)
VNPAY_SANDBOX_TMN_CODE = "PHOHANG1"
VNPAY_SANDBOX_HASH_SECRET = "phohang-sandbox-secret"
VNPAY_TMN_CODE = os.environ.get("VNPAY_TMN_CODE", VNPAY_SANDBOX_TMN_CODE if VNPAY_SANDBOX else "")
VNPAY_HASH_SECRET = os.environ.get(
    "VNPAY_HASH_SECRET", VNPAY_SANDBOX_HASH_SECRET if VNPAY_SANDBOX else ""
)
VNPAY_URL = os.environ.get("VNPAY_URL", "/payments/vnpay-sandbox/pay/" if VNPAY_SANDBOX else "")
# Merchant web API for refunds; VNPay's test environment serves it at
# https://sandbox.vnpayment.vn/merchant_webapi/api/transaction
VNPAY_API_URL = os.environ.get(
    "VNPAY_API_URL",
    "/payments/vnpay-sandbox/merchant_webapi/api/transaction" if VNPAY_SANDBOX else "",
)
# The account VietQR transfers go to. The demo account serves DEBUG only; in production VietQR is
# offered once a real account is configured (VIETQR_ENABLED=1 without one is refused at start-up).
PLATFORM_BANK_DEMO_ACCOUNT = "0011004455667"
PLATFORM_BANK_BIN = os.environ.get("PLATFORM_BANK_BIN", "970436" if DEBUG else "")
PLATFORM_BANK_ACCOUNT = os.environ.get(
    "PLATFORM_BANK_ACCOUNT", PLATFORM_BANK_DEMO_ACCOUNT if DEBUG else ""
)
VIETQR_ENABLED = env_bool("VIETQR_ENABLED", bool(PLATFORM_BANK_ACCOUNT))
# Payment callbacks that fail their signature check are not stored; past this many from one
# address (IPv6: its /64) in a window, that address is answered 429 unread.
PAYMENT_CALLBACK_UNSIGNED_LIMIT = int(os.environ.get("PAYMENT_CALLBACK_UNSIGNED_LIMIT", "30"))
PAYMENT_CALLBACK_WINDOW_SECONDS = int(os.environ.get("PAYMENT_CALLBACK_WINDOW_SECONDS", "60"))
COD_LIMIT_VND = int(os.environ.get("COD_LIMIT_VND", "5000000"))
RESERVATION_MINUTES = int(os.environ.get("RESERVATION_MINUTES", "15"))
SHIPPING_DEFAULT_FEE_VND = int(os.environ.get("SHIPPING_DEFAULT_FEE_VND", "30000"))
COMMISSION_DEFAULT_PERCENT = os.environ.get("COMMISSION_DEFAULT_PERCENT", "5")
RETURN_WINDOW_DAYS = int(os.environ.get("RETURN_WINDOW_DAYS", "7"))
# The address VNPay sees the refund API called from (its merchant API asks for it).
VNPAY_SERVER_IP = os.environ.get("VNPAY_SERVER_IP", "127.0.0.1")
# At most this many "a new match for you" notices per user and day.
TRADE_MATCH_NOTICES_PER_DAY = int(os.environ.get("TRADE_MATCH_NOTICES_PER_DAY", "5"))
# Buyer–seller messages are deleted this many days after they were sent (`messages_purge`).
MESSAGE_RETENTION_DAYS = int(os.environ.get("MESSAGE_RETENTION_DAYS", "730"))

# Carriers (phohang/logistics/carriers): a carrier is offered only with its credentials set.
# With DEBUG on, a local simulator answers in the carriers' shapes instead (never in production).
_CARRIER_ENV = {
    "ghn": {
        "base_url": ("GHN_URL", "https://online-gateway.ghn.vn/shiip/public-api"),
        "token": ("GHN_TOKEN", ""),
        "shop_id": ("GHN_SHOP_ID", ""),
        "webhook_token": ("GHN_WEBHOOK_TOKEN", ""),
    },
    "ghtk": {
        "base_url": ("GHTK_URL", "https://services.giaohangtietkiem.vn"),
        "token": ("GHTK_TOKEN", ""),
        "webhook_secret": ("GHTK_WEBHOOK_SECRET", ""),
    },
    "viettelpost": {
        "base_url": ("VIETTELPOST_URL", "https://partner.viettelpost.vn/v2"),
        "username": ("VIETTELPOST_USERNAME", ""),
        "password": ("VIETTELPOST_PASSWORD", ""),
        "webhook_token": ("VIETTELPOST_WEBHOOK_TOKEN", ""),
    },
}
LOGISTICS_CARRIERS = {
    carrier: credentials
    for carrier, names in _CARRIER_ENV.items()
    if all(
        (
            credentials := {
                key: os.environ.get(env, default) for key, (env, default) in names.items()
            }
        ).values()
    )
}
LOGISTICS_CARRIER_SIMULATOR = DEBUG and os.environ.get("LOGISTICS_CARRIER_SIMULATOR", "1") == "1"
# Route planning: parallel searches per plan (empty: one per core, at most four).
LOGISTICS_PLANNER_WORKERS = (
    int(os.environ["LOGISTICS_PLANNER_WORKERS"])
    if os.environ.get("LOGISTICS_PLANNER_WORKERS")
    else None
)
# Re-plan a day by itself when its stops change: on with the task worker; inline tasks would
# hold the manager's request for the whole planning time.
LOGISTICS_AUTO_REPLAN = env_bool("LOGISTICS_AUTO_REPLAN", TASKS_BACKEND == "database")
# Checkout asks this carrier for a live quote (cached for LOGISTICS_QUOTE_CACHE_SECONDS so the
# page and the order agree); empty: the staff rate table alone prices parcels.
LOGISTICS_CHECKOUT_CARRIER = os.environ.get("LOGISTICS_CHECKOUT_CARRIER", "")
LOGISTICS_QUOTE_CACHE_SECONDS = int(os.environ.get("LOGISTICS_QUOTE_CACHE_SECONDS", "900"))
if LOGISTICS_CHECKOUT_CARRIER and not (
    LOGISTICS_CARRIER_SIMULATOR or LOGISTICS_CHECKOUT_CARRIER in LOGISTICS_CARRIERS
):
    raise RuntimeError("LOGISTICS_CHECKOUT_CARRIER names a carrier without credentials.")

# Livestream selling (phohang/livestream, docs/livestream.md). Live traffic (comments, pins, the
# stop button) runs over WebSockets on the ASGI server (uvicorn) through Django Channels: the
# in-memory channel layer serves one process on a laptop; with REDIS_URL every process shares
# Redis. With DEBUG off and no REDIS_URL nobody can go live (fail closed: a stop pressed in
# another process would never reach the viewers) unless LIVESTREAM_SINGLE_PROCESS=1 says one
# uvicorn process serves the whole site.
ASGI_APPLICATION = "config.asgi.application"
LIVESTREAM_SINGLE_PROCESS = env_bool("LIVESTREAM_SINGLE_PROCESS", DEBUG)
LIVESTREAM_ENABLED = bool(REDIS_URL) or LIVESTREAM_SINGLE_PROCESS
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": RATE_LIMIT_KEY_PREFIX + "live:"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Hosts whose https embed players a session may show (the page's CSP frame-src lists them).
LIVESTREAM_EMBED_HOSTS = env_list(
    "LIVESTREAM_EMBED_HOSTS",
    "www.youtube.com,www.youtube-nocookie.com,player.vimeo.com,www.facebook.com,"
    "player.twitch.tv,www.tiktok.com",
)
# Session records (metadata, pins, comments, orders, stop events) are kept this long after a
# session is over, then deleted by `manage.py livestream_purge` (E-commerce Law, issue 22).
LIVESTREAM_RETENTION_DAYS = int(os.environ.get("LIVESTREAM_RETENTION_DAYS", str(3 * 365)))
# Comments reach viewers in frames gathered over this many milliseconds (one frame per viewer
# per interval instead of one per comment); a viewer may comment once per interval below.
LIVESTREAM_COMMENT_BATCH_MS = int(os.environ.get("LIVESTREAM_COMMENT_BATCH_MS", "200"))
LIVESTREAM_COMMENT_MIN_INTERVAL_MS = int(
    os.environ.get("LIVESTREAM_COMMENT_MIN_INTERVAL_MS", "1000")
)
# Categories (slugs) whose goods are risky to health or property: pinning one needs the warning
# overlay (Decree on e-commerce, livestream duties).
LIVESTREAM_RISKY_CATEGORY_SLUGS = env_list(
    "LIVESTREAM_RISKY_CATEGORY_SLUGS",
    "duoc-lieu,tinh-dau,my-pham-thien-nhien,ruou-dac-san,dien-gia-dung,vat-tu-nong-nghiep",
)

# Wholesale markets: one price upload (a day's board of every market fits many times over).
MARKETS_PRICE_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
MARKETS_PRICE_UPLOAD_MAX_ROWS = 20_000

# Compliance (phohang/compliance, law 122/2025 on e-commerce, law 91/2025 on personal data).
# Seller identification: an e-ID intermediary when configured; with DEBUG on, a local simulator
# answers in its shape. The simulator with DEBUG off would let anyone identify: refuse to start.
IDENTIFICATION_EID = {
    "authorize_url": os.environ.get("IDENTIFICATION_EID_AUTHORIZE_URL", ""),
    "client_id": os.environ.get("IDENTIFICATION_EID_CLIENT_ID", ""),
    "secret": os.environ.get("IDENTIFICATION_EID_SECRET", ""),
}
IDENTIFICATION_SIMULATOR = env_bool("IDENTIFICATION_SIMULATOR", DEBUG)
if IDENTIFICATION_SIMULATOR and not DEBUG:
    raise RuntimeError("IDENTIFICATION_SIMULATOR is for development only; it needs DEBUG=1.")
IDENTIFICATION_VALIDITY_DAYS = int(os.environ.get("IDENTIFICATION_VALIDITY_DAYS", "730"))
COMPLIANCE_TAKEDOWN_HOURS = int(os.environ.get("COMPLIANCE_TAKEDOWN_HOURS", "24"))
COMPLIANCE_SUSPENSION_HOURS = int(os.environ.get("COMPLIANCE_SUSPENSION_HOURS", "24"))
COMPLAINT_SELLER_ANSWER_DAYS = int(os.environ.get("COMPLAINT_SELLER_ANSWER_DAYS", "3"))
FEE_CHANGE_NOTICE_DAYS = int(os.environ.get("FEE_CHANGE_NOTICE_DAYS", "20"))
RETENTION_LISTING_DAYS = int(os.environ.get("RETENTION_LISTING_DAYS", "365"))
RETENTION_ORDER_DAYS = int(os.environ.get("RETENTION_ORDER_DAYS", "1095"))
RETENTION_COMPLAINT_DAYS = int(os.environ.get("RETENTION_COMPLAINT_DAYS", "1095"))
# Requests about personal data (decree 356/2025): acknowledged within 2 working days, done
# within 15 days (20 when a processor must act), extended once by 15 days.
DATA_REQUEST_ACK_WORKING_DAYS = int(os.environ.get("DATA_REQUEST_ACK_WORKING_DAYS", "2"))
DATA_REQUEST_DUE_DAYS = int(os.environ.get("DATA_REQUEST_DUE_DAYS", "15"))
DATA_REQUEST_PROCESSOR_DUE_DAYS = int(os.environ.get("DATA_REQUEST_PROCESSOR_DUE_DAYS", "20"))
DATA_REQUEST_EXTENSION_DAYS = int(os.environ.get("DATA_REQUEST_EXTENSION_DAYS", "15"))
