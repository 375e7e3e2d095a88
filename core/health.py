"""Whether the background tasks run: a heartbeat task that beat schedules every minute and a worker runs.

A recent heartbeat proves the whole chain (beat schedules, the broker carries, a worker runs). Asking the
workers directly (a Celery ping) tells apart "no worker" from "no beat". Without a broker the portal runs
its tasks inside the web process and nothing scheduled runs; the platform page says so.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "groeipad:task-heartbeat"
HEARTBEAT_INTERVAL_SECONDS = 60
# Missing a few beats (a worker restarting, a long task in the queue) is normal; five minutes is not.
HEARTBEAT_STALE_AFTER = timedelta(minutes=5)


def record_heartbeat(*, now: datetime | None = None) -> None:
    cache.set(HEARTBEAT_KEY, (now or timezone.now()).isoformat(), timeout=None)


def last_heartbeat() -> datetime | None:
    value = cache.get(HEARTBEAT_KEY)
    return datetime.fromisoformat(value) if value else None


def _ping_workers(timeout: float) -> list[str]:
    try:
        replies = current_app.control.ping(timeout=timeout) or []
    except Exception:  # the broker is down: no worker can be reached, which is what the page reports
        return []
    return sorted(name for reply in replies for name in reply)


@dataclass(frozen=True)
class TaskHealth:
    runs_in_process: bool
    last_heartbeat: datetime | None
    heartbeat_recent: bool
    workers: tuple[str, ...]

    @property
    def healthy(self) -> bool:
        return not self.runs_in_process and self.heartbeat_recent and bool(self.workers)


def task_health(*, now: datetime | None = None, ping_timeout: float = 1.0) -> TaskHealth:
    now = now or timezone.now()
    if current_app.conf.task_always_eager:
        return TaskHealth(runs_in_process=True, last_heartbeat=None, heartbeat_recent=False, workers=())
    beat = last_heartbeat()
    return TaskHealth(
        runs_in_process=False,
        last_heartbeat=beat,
        heartbeat_recent=beat is not None and now - beat <= HEARTBEAT_STALE_AFTER,
        workers=tuple(_ping_workers(ping_timeout)),
    )
