"""Settings shared by every environment; each value that differs per machine comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "accounts",
    "dashboards",
    "programmes",
    "participants",
    "sessions.apps.ProgrammeSessionsConfig",
    "coaching",
    "audit",
    "placements",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Instead of Django's LocaleMiddleware (which follows the browser's Accept-Language): the person's
    # own choice, else the footer's cookie, else Dutch. After AuthenticationMiddleware, as it reads the user.
    "accounts.middleware.AccountLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "dashboards.middleware.RememberNavigationRoleMiddleware",
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
                "dashboards.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
                "core.context_processors.theme",
            ],
        },
    },
]

# `make run` works without any service: an SQLite file unless DATABASE_URL points elsewhere.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One Redis serves as cache (rate limits must be shared by every web process) and as Celery broker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions live in the database so that any web process can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: e-mail is the login; accounts come from HR (invitation or import), never from sign-up.
ACCOUNT_ADAPTER = "accounts.adapter.GroeipadAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# No sign-up, so a reset request for an unknown address is answered silently instead of by e-mail.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old one only after it is verified
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Groeipad] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("DJANGO_HTTP_PROTOCOL", "http")
# Failed logins are counted in the cache (Redis when configured), per IP and per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("GROEIPAD_LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "change_email": "1/m/user",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Dutch first: a page is Dutch unless the person chose English (accounts/middleware.py has the order).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# The footer's choice is remembered for a year (Django's default forgets it when the browser closes).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Groeipad <noreply@groeipad.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Absolute links in e-mails sent by workers, which have no request to build them from.
SITE_URL = os.environ.get("GROEIPAD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Links shown in a page (the calendar link) use SITE_URL only when it was set; else the address being browsed.
SITE_URL_CONFIGURED = bool(os.environ.get("GROEIPAD_SITE_URL"))

# Celery: without a broker URL the tasks run in-process, so `make run` needs no Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only after it ran, so a worker that dies hands it to another worker;
# tasks are idempotent, which makes the resulting redelivery harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# The one beat schedule; tests/test_celery_config.py checks that every entry names a real task.
CELERY_BEAT_SCHEDULE: dict = {
    # The platform page reads the last run to tell whether beat and a worker are up (core/health.py).
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60},
    "requeue-unsent-notifications": {
        "task": "notifications.tasks.requeue_unsent_notifications",
        "schedule": 15 * 60,
    },
    # A request whose decision window ran out stops holding its seat; the queue must move on soon after.
    "expire-enrolment-decision-windows": {
        "task": "participants.tasks.expire_decision_windows",
        "schedule": 10 * 60,
    },
    # Hourly rather than once a day, so a beat that was down at the usual hour still reminds in time.
    "send-session-reminders": {
        "task": "sessions.tasks.send_session_reminders",
        "schedule": 60 * 60,
    },
    # Daily is enough: a coaching reminder is at most monthly (coaches) or weekly (coordinators).
    "send-coach-reminders": {
        "task": "coaching.tasks.send_coach_reminders",
        "schedule": 24 * 60 * 60,
    },
    "send-participants-without-coach-reminders": {
        "task": "coaching.tasks.send_participants_without_coach_reminders",
        "schedule": 24 * 60 * 60,
    },
}

# A municipality's own look without touching templates: colours as #rrggbb (anything else is ignored, see
# core/theme.py and the check core.W001), a logo shown before the name in the header. Left empty, the
# NL Design System tokens in static/vendor/nl-design-system decide.
GROEIPAD_THEME = {
    "name": os.environ.get("GROEIPAD_THEME_NAME", "Groeipad"),
    "primary": os.environ.get("GROEIPAD_THEME_PRIMARY", ""),
    "primary_text": os.environ.get("GROEIPAD_THEME_PRIMARY_TEXT", ""),
    "header_background": os.environ.get("GROEIPAD_THEME_HEADER_BACKGROUND", ""),
    "header_text": os.environ.get("GROEIPAD_THEME_HEADER_TEXT", ""),
    "logo_url": os.environ.get("GROEIPAD_THEME_LOGO_URL", ""),
}

# People import: how many rows a single upload may hold.
PEOPLE_IMPORT_MAX_ROWS = int(os.environ.get("GROEIPAD_PEOPLE_IMPORT_MAX_ROWS", "20000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# {% icon %} with a name that is not vendored (core/templatetags/icons.py): raise when True or in DEBUG, otherwise
# leave the icon out and log it, so a page in production still works without its icon.
GROEIPAD_ICONS_STRICT = False
