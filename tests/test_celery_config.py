import importlib

from django.conf import settings

from config.celery import app


def test_celery_is_configured_for_reliable_delivery():
    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_every_beat_entry_names_a_task_that_imports():
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        module_name, _, function_name = entry["task"].rpartition(".")
        module = importlib.import_module(module_name)
        assert hasattr(module, function_name), name


def test_tasks_are_registered_with_the_app():
    app.loader.import_default_modules()

    assert "accounts.tasks.send_invitation" in app.tasks
