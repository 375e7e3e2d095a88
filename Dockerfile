# Groeipad: one image for the web processes (gunicorn), the Celery worker and Celery beat.
# Build: docker build -t groeipad .   Run: docker compose up -d (see docker-compose.yml and .env.example).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# GNU gettext's msgfmt compiles the committed .po files (compilemessages below).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 groeipad \
    && useradd --system --uid 10001 --gid groeipad --create-home --home-dir /home/groeipad \
       --shell /usr/sbin/nologin groeipad

WORKDIR /app

# Dependencies first, pinned by the lock file, so that a code change does not reinstall them.
COPY pyproject.toml requirements.lock README.md LICENSE ./
RUN pip install -c requirements.lock .

# The project itself. Each part is named, so that a local .env, .venv, db.sqlite3 or .git never ends up
# in the image (tests/test_deployment.py checks that every local app is listed here).
COPY manage.py ./
COPY config ./config
COPY core ./core
COPY accounts ./accounts
COPY dashboards ./dashboards
COPY programmes ./programmes
COPY participants ./participants
COPY sessions ./sessions
COPY coaching ./coaching
COPY audit ./audit
COPY placements ./placements
COPY notifications ./notifications
COPY demo ./demo
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# Translations and static files are built into the image. The production settings insist on a secret,
# hosts and a database URL; these build-only values are not kept in the image (no ENV) and no database
# is contacted.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build-only \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost:5432/build \
    sh -c "python manage.py compilemessages --verbosity 0 && python manage.py collectstatic --no-input --verbosity 0" \
    && chown -R groeipad:groeipad /app/staticfiles

USER groeipad

EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-3} --worker-tmp-dir /dev/shm --access-logfile - --logger-class config.gunicorn_logging.MaskingLogger"]
