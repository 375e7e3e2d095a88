import pytest
from django.conf import settings
from django.core.cache import cache

# The browser fixtures (one Playwright per run) are shared by every app's browser tests.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the (real Redis) cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english_client(client):
    """A browser whose footer switch was set to English, so assertions can read the English message ids.

    The cookie gives English to anyone not logged in and to people who made no choice of their own
    (blank preferred_language, as factories create them); a stored choice on the account wins.
    """
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on the Redis broker, in a thread of this process (sharing mail.outbox)."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True
