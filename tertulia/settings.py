"""Tertulia's one settings module: every deployment choice is read from the environment.

The same code runs the embedded default (SQLite, local memory cache, console mail) and a
scaled-out community (PostgreSQL, Redis, an SMTP relay): only the variables differ.
See docs/deploy.md for the list.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import django_stubs_ext
import environ
from django.utils.translation import gettext_lazy as _

# Lets ModelAdmin[Model] and QuerySet[Model] be written at run time, as mypy sees them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

VAR_DIR = Path(env.str("TERTULIA_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else one generated once and kept in var/."""
    from_env: str = env.str("SECRET_KEY", default="")
    if from_env:
        return from_env
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Several processes may start at once on a fresh var/ (gunicorn workers, pytest-xdist
        # workers): write the key aside, then link it into place, which fails if another
        # process won, so every process ends up reading the same complete key.
        draft = VAR_DIR / f".secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(64))
        draft.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(draft, key_file)
        draft.unlink()
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[_site.hostname or "127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

# HTTPS hardening follows the public address: a site served over https gets secure
# cookies, HSTS and a redirect; a local http demo does not.
HTTPS = env.bool("HTTPS", default=_site.scheme == "https")
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading asks browsers to hard-code HTTPS for the domain and every subdomain,
        # and takes months to undo, so an operator opts in with SECURE_HSTS_PRELOAD=1;
        # until then `check --deploy` need not warn about it.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "tertulia.core",
    "tertulia.accounts",
    "tertulia.notifications",
    "tertulia.search",
    "tertulia.forums",
    "tertulia.events",
    "tertulia.dialogues",
    "tertulia.library",
    "tertulia.trainings",
    "tertulia.messaging",
    "tertulia.newsletters",
    "tertulia.home",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tertulia.accounts.middleware.MemberPreferencesMiddleware",
    "tertulia.accounts.middleware.MembersOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "tertulia.urls"
WSGI_APPLICATION = "tertulia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tertulia.core.context_processors.site",
                "tertulia.accounts.context_processors.viewer",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tertulia.sqlite3'}")
_db: dict[str, Any] = environ.Env.db_url_config(DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
        # timeout instead of failing with "database is locked" half-way through.
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=10000;"
        ),
    }
    # Keep each worker's connection between requests: opening the file and running the
    # PRAGMAs above cost a few milliseconds a request. Safe with gunicorn's sync workers
    # (one thread each, connecting after the fork) and with WAL: between requests a
    # connection holds no transaction, so it blocks neither writers nor checkpoints.
    _db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
elif _db["ENGINE"] in {"django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2"}:
    _db["ENGINE"] = "django.db.backends.postgresql"
    _db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tertulia",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Per process; the forum pages keep rendered fragments here (keys carry revisions,
    # so nothing stale is served), hence more room than the default 300 entries.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env.int("LOCAL_CACHE_ENTRIES", default=5000)},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Background tasks -------------------------------------------------------------------
# Mail, reminders and other work that must not hold up a page run through the Tasks API.
# The database backend needs no extra service (run `tertulia worker`); TASKS_BACKEND=
# immediate runs each task in the request instead (tests, tiny installs without a worker).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Member"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "tertulia.accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "tertulia.accounts.signup.AtomicSignupForm"}
ACCOUNT_ADAPTER = "tertulia.accounts.adapter.AccountAdapter"
# Members asked for a clear message when an address is already registered; the address
# list is not secret in a community whose directory shows members anyway.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[Tertulia] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = _site.scheme
# allauth's default rate limits stay on (login failures, sign-ups, password resets,
# confirmation mails); they live in the cache, so Redis shares them across app nodes.
ACCOUNT_RATE_LIMITS: dict[str, str] = {}
if env.bool("DISABLE_RATE_LIMITS", default=False):
    ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]  # allauth reads False as "off"

# --- Mail -----------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://127.0.0.1:25")
globals().update(environ.Env.email_url_config(EMAIL_URL))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"Tertulia <noreply@{_site.hostname}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages, time --------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "tertulia" / "locale"]
LANGUAGE_COOKIE_NAME = "tertulia_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing directory
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
AVATAR_MAX_BYTES = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
CSRF_FAILURE_VIEW = "tertulia.core.views.csrf_failure"

# --- Forums ---------------------------------------------------------------------------
FORUM_EDIT_WINDOW_MINUTES = env.int("FORUM_EDIT_WINDOW_MINUTES", default=60)
FORUM_THREADS_PER_HOUR = env.int("FORUM_THREADS_PER_HOUR", default=10)
FORUM_POSTS_PER_HOUR = env.int("FORUM_POSTS_PER_HOUR", default=60)
FORUM_ATTACHMENT_MAX_BYTES = env.int("FORUM_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

# --- Content-Security-Policy, Permissions-Policy, compression ----------------------------
# Every page loads only what this site serves: no inline scripts or styles, no third-party
# scripts, fonts or frames. Pictures may also be data: URLs. File downloads send their own
# stricter, sandboxing policy, which the middleware leaves in place.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
    }
}
# No page asks for the camera, the microphone, the position or payments.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "tertulia.core.middleware.PermissionsPolicyMiddleware",
)
# Pages are compressed by the site itself, so that they arrive small on slow connections
# whatever the proxy in front does; static files arrive precompressed from whitenoise,
# which answers them before this middleware.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "tertulia.core.middleware.CompressPagesMiddleware",
)
# Where people can write about the site, e.g. to report an accessibility problem; shown on
# the accessibility statement when set.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="")

# --- Inbound mail: replies by email, new threads by email ---------------------------------
# Notification mail carries Reply-To: reply+TOKEN@REPLY_DOMAIN, and forum+<slug>@REPLY_DOMAIN
# starts a thread, when this domain is set and its mail reaches `tertulia mail-receive` or
# `tertulia mail-server` (docs/deploy.md). Empty: no reply addresses, nothing accepted.
REPLY_DOMAIN = env.str("REPLY_DOMAIN", default="").strip().lower()
INBOUND_MAX_BYTES = env.int("INBOUND_MAX_BYTES", default=10 * 1024 * 1024)
INBOUND_MAX_RECIPIENTS = env.int("INBOUND_MAX_RECIPIENTS", default=50)
# Seconds a reply address keeps working after its mail was sent.
REPLY_TOKEN_MAX_AGE = env.int("REPLY_TOKEN_MAX_AGE", default=180 * 24 * 60 * 60)

# --- Newsletter ---------------------------------------------------------------------------
# A batch claimed by a worker that has not finished it after this long is sent again (a
# worker killed mid-batch); see tertulia/newsletters/delivery.py.
NEWSLETTER_STALE_CLAIM_SECONDS = env.int("NEWSLETTER_STALE_CLAIM_SECONDS", default=15 * 60)
