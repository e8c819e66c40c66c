"""Gemeinwerk settings. Everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "django_htmx",
    # Before allauth: our templates (accounts/templates/allauth/…) and German texts win.
    "accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "guide",
    "workspaces",
    "goals",
    "history",
    "structures",
    "meetings",
    "decisions",
    "conflicts",
    "resources",
    "reflection",
    "handover",
    "actors",
    "knowledge",
    "lifecycle",
    # Top apps: they read every part above.
    "kompass",
    "demo",
    "publicpage",
    "search",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "core.middleware.SiteHeadersMiddleware",
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "gemeinwerk.urls"
WSGI_APPLICATION = "gemeinwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Forms render Django's own form and widget templates, written out in Python (the same markup
# at a fraction of the template engine's cost: core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"

# SQLite (embedded default) runs in WAL mode and takes the write lock at BEGIN, so concurrent
# writers wait for each other instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open like PostgreSQL's (CONN_MAX_AGE): opening a file with its PRAGMAs cost 0.74 ms
    # per request. Safe: every thread has a connection of its own, and WAL lets them share.
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache for all app servers: the database (no extra service). allauth keeps its
# login rate limits here, so they hold across servers behind a load balancer.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gemeinwerk_cache",
    },
    # What the pages keep until the next change, for every app server (history.kept): the
    # Kompass-Check's reports and the overview's part, per side and access of a co-production.
    "kept": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gemeinwerk_kept",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Accounts (django-allauth): e-mail login, verification, reset, TOTP two-factor login.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id with OWASP's parameters (19 MiB, t=2, p=1; accounts/hashers.py says why).
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspaces:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupNameForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gemeinwerk] "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"  # account mails through the task queue
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_RATE_LIMITS = {"login_failed": "10/10m/ip,10/15m/key"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Gemeinwerk"
# Operators may require two-factor login for everyone (cards: coordinators are urged to).
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded documents (the knowledge archive): outside every static path and without a URL of
# their own (no MEDIA_URL) — only the download view, which asks who may see them, reads them.
# Several app servers share one volume here (README: "Uploaded files").
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# The same modes whether Django kept an upload in memory or in a temporary file (0600).
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
FILE_UPLOAD_HANDLERS = [
    "knowledge.uploads.SizeLimit",  # stops reading a file past UPLOAD_MAX_BYTES
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    # A mail server that stops answering fails the task (which is retried) instead of
    # holding it RUNNING until the worker counts as vanished.
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Background work (e-mails, reminders) is queued in the database, in the same transaction as
# the change that causes it, and sent by `manage.py db_worker` (README: "The worker").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Our worker (workspaces/management/commands/db_worker.py): a task RUNNING longer than this has
# lost its worker and runs again; a failing task is tried TASK_ATTEMPTS times, waiting
# TASK_RETRY_DELAY seconds after the first failure, twice as long after each further one.
TASK_WORKER_TIMEOUT = int(os.environ.get("TASK_WORKER_TIMEOUT", "900"))
TASK_ATTEMPTS = int(os.environ.get("TASK_ATTEMPTS", "5"))
TASK_RETRY_DELAY = int(os.environ.get("TASK_RETRY_DELAY", "60"))

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Gemeinwerk <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Behind a TLS-terminating load balancer set SECURE_PROXY_SSL_HEADER via env.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cookies only over HTTPS; `make serve` turns this off to try production locally over HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
# Gemeinwerk uses none of these browser features; no page or embedded script may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
BEHIND_PROXY = env_bool("BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address for login throttling: the entry that the nearest of this many trusted
# proxies appended to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for). 0 = the TCP peer.
# Behind a load balancer the peer is the balancer, so without this every person would share
# one address and one person's failed logins would lock out everyone.
ALLAUTH_TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", "1" if BEHIND_PROXY else "0")
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# No IP addresses in application logs (DSGVO): Django's request logging keeps only path/status.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The operator of this installation, shown in the Impressum, the accessibility statement
# (Erklärung zur Barrierefreiheit, BITV 2.0) and the Leichte-Sprache page.
OPERATOR = {
    "name": os.environ.get("OPERATOR_NAME", "Betreiber:in dieser Gemeinwerk-Installation"),
    "address": os.environ.get("OPERATOR_ADDRESS", ""),
    "email": os.environ.get("OPERATOR_EMAIL", "barrierefreiheit@example.org"),
    "phone": os.environ.get("OPERATOR_PHONE", ""),
    "statement_date": os.environ.get("ACCESSIBILITY_STATEMENT_DATE", "25.11.2026"),
    "enforcement_body": os.environ.get(
        "ACCESSIBILITY_ENFORCEMENT_BODY",
        "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)",
    ),
    "enforcement_url": os.environ.get(
        "ACCESSIBILITY_ENFORCEMENT_URL", "https://www.schlichtungsstelle-bgg.de/"
    ),
    # Impressum (§ 5 DDG) and Datenschutzerklärung (Art. 13 DSGVO).
    "representative": os.environ.get("OPERATOR_REPRESENTATIVE", ""),
    "register": os.environ.get("OPERATOR_REGISTER", ""),
    "vat_id": os.environ.get("OPERATOR_VAT_ID", ""),
    "privacy_officer": os.environ.get("PRIVACY_OFFICER", ""),
    "supervisory_authority": os.environ.get(
        "PRIVACY_AUTHORITY",
        "die Datenschutz-Aufsichtsbehörde des Bundeslandes, in dem die Betreiber:in ihren Sitz hat",
    ),
    "supervisory_authority_url": os.environ.get("PRIVACY_AUTHORITY_URL", ""),
    "hosting_provider": os.environ.get("HOSTING_PROVIDER", ""),
    # How long the operator keeps what lies outside the application (promised on the page).
    "backup_retention_days": int(os.environ.get("BACKUP_RETENTION_DAYS", "30")),
    "server_log_retention_days": int(os.environ.get("SERVER_LOG_RETENTION_DAYS", "7")),
}
# Signed-in sessions end after two weeks (Django's default, named here because the
# Datenschutzerklärung states it).
SESSION_COOKIE_AGE = 14 * 24 * 3600

# The guide (Fächer): decks are YAML files; the default deck is served under /faecher/.
GUIDE_DECKS_DIR = BASE_DIR / "guide" / "decks"
GUIDE_DEFAULT_DECK = os.environ.get("GUIDE_DEFAULT_DECK", "koproduktion")

# The public address of this installation, for links in e-mails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
