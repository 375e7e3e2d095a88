"""The production description (docker-compose.yml, Dockerfile, .env.example) agrees with the code.

Plain checks without a database: the files parse, the commands name modules that exist, every environment
variable the production settings read is documented, and Django's deployment checks pass.
"""

import ast
import importlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
DOCKERFILE = BASE_DIR / "Dockerfile"
ENV_EXAMPLE = BASE_DIR / ".env.example"
SETTINGS_FILES = [BASE_DIR / "config" / "settings" / "base.py", BASE_DIR / "config" / "settings" / "production.py"]

LONG_RUNNING_SERVICES = ["web", "worker", "beat", "db", "redis"]
APP_SERVICES = ["web", "worker", "beat"]

# Read by base.py but overridden by production.py, so deliberately absent from .env.example:
# variable -> the setting production.py assigns itself.
OVERRIDDEN_IN_PRODUCTION = {"DJANGO_DEBUG": "DEBUG", "DJANGO_HTTP_PROTOCOL": "ACCOUNT_DEFAULT_HTTP_PROTOCOL"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def production_env(**extra: str) -> dict[str, str]:
    """Only what production needs: no test settings, DATABASE_URL or REDIS_URL leak in from this process."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="groeipad.example.nl",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/groeipad",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=180, check=False
    )


# --- docker-compose.yml ----------------------------------------------------------------------------


def test_compose_has_every_service_with_a_healthcheck(compose):
    services = compose["services"]
    for name in LONG_RUNNING_SERVICES:
        assert name in services, f"docker-compose.yml has no service {name!r}"
        healthcheck = services[name].get("healthcheck")
        assert healthcheck and healthcheck.get("test"), f"service {name!r} has no healthcheck"
    assert services["db"]["image"].startswith("postgres:16")
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])
    assert services["redis"]["image"].startswith("redis:7")


def test_app_services_use_production_settings_and_wait_for_db_redis_and_migrations(compose):
    services = compose["services"]
    for name in [*APP_SERVICES, "migrate"]:
        service = services[name]
        env_file = service["env_file"]
        assert ".env" in ([env_file] if isinstance(env_file, str) else env_file), name
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production", name
        assert service["depends_on"]["db"]["condition"] == "service_healthy", name
        assert service["depends_on"]["redis"]["condition"] == "service_healthy", name
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
    assert "migrate --no-input" in command_text(services["migrate"])


def test_web_runs_gunicorn_on_the_wsgi_application_after_collectstatic(compose):
    command = command_text(compose["services"]["web"])
    assert "collectstatic --no-input" in command
    assert command.index("collectstatic") < command.index("gunicorn")
    assert re.search(r"gunicorn\s+config\.wsgi:application\b", command)
    assert "--bind 0.0.0.0:8000" in command
    assert re.search(r"--workers \$\$\{GUNICORN_WORKERS(:-\d+)?\}", command), "workers must come from the env"

    module_name, attribute = re.search(r"gunicorn\s+([\w.]+):(\w+)", command).groups()
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute))


def test_worker_and_beat_run_the_config_celery_app(compose):
    assert re.search(r"celery -A config worker\b", command_text(compose["services"]["worker"]))
    assert re.search(r"celery -A config beat\b", command_text(compose["services"]["beat"]))

    from celery import Celery

    celery_module = importlib.import_module("config.celery")
    assert isinstance(celery_module.app, Celery)
    assert importlib.import_module("config").celery_app is celery_module.app  # what `-A config` finds


def test_compose_variables_are_documented_in_env_example(compose):
    referenced = set(re.findall(r"\$\$?\{(\w+)", COMPOSE_FILE.read_text()))
    referenced -= {"HOSTNAME"}
    assert referenced, "expected ${...} references in docker-compose.yml"
    missing = referenced - env_example_names()
    assert not missing, f"docker-compose.yml uses variables that .env.example does not mention: {sorted(missing)}"


# --- .env.example -------------------------------------------------------------------------------------


def env_example_names(*, active_only: bool = False) -> set[str]:
    pattern = r"^([A-Z][A-Z0-9_]*)=" if active_only else r"^(?:#\s*)?([A-Z][A-Z0-9_]*)="
    return set(re.findall(pattern, ENV_EXAMPLE.read_text(), flags=re.MULTILINE))


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _reads_environ(node: ast.AST) -> bool:
    return any(_dotted(child) in {"os.environ", "os.getenv"} for child in ast.walk(node))


def settings_environment_variables() -> tuple[set[str], set[str]]:
    """(every variable the production settings read, the ones production.py requires), from the source."""
    trees = [ast.parse(path.read_text()) for path in SETTINGS_FILES]
    # Helpers such as env_bool/env_list/required take the variable name as first argument.
    helpers = {
        node.name
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and _reads_environ(node)
    }
    readers = {"os.environ.get", "os.getenv", *helpers}
    names: set[str] = set()
    required: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                function = _dotted(node.func)
                first = node.args[0] if node.args else None
                if function in readers and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
                    if function == "required":
                        required.add(first.value)
                for keyword in node.keywords:  # dj_database_url.config(env="DATABASE_URL")
                    if keyword.arg == "env" and isinstance(keyword.value, ast.Constant):
                        names.add(keyword.value.value)
            elif isinstance(node, ast.Subscript) and _dotted(node.value) == "os.environ":
                if isinstance(node.slice, ast.Constant):
                    names.add(node.slice.value)
    return names, required


def test_env_example_documents_every_variable_the_production_settings_read():
    names, required = settings_environment_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "EMAIL_HOST", "GROEIPAD_SITE_URL"} <= names, names  # parser sanity
    missing = names - set(OVERRIDDEN_IN_PRODUCTION) - env_example_names()
    assert not missing, f".env.example does not mention: {sorted(missing)}"

    must_be_set = required | {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"}
    not_set = must_be_set - env_example_names(active_only=True)
    assert not not_set, f"production requires these, so .env.example must set them (not commented): {sorted(not_set)}"


def test_variables_left_out_of_env_example_are_really_overridden_in_production():
    tree = ast.parse(SETTINGS_FILES[1].read_text())
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    names, _ = settings_environment_variables()
    for variable, setting in OVERRIDDEN_IN_PRODUCTION.items():
        if variable in names:
            assert setting in assigned, f"{variable} is read but production.py does not override {setting}"


# --- Dockerfile -------------------------------------------------------------------------------------


def test_dockerfile_builds_a_non_root_image_with_translations_and_static_files():
    text = DOCKERFILE.read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", text, flags=re.MULTILINE)
    assert "gettext" in text
    assert "pip install -c requirements.lock ." in text
    assert "compilemessages" in text
    assert "collectstatic --no-input" in text
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0", "0:0"}, "the image must run as a non-root user"


def test_dockerfile_copies_every_part_of_the_project():
    from django.conf import settings

    copied = {
        Path(source).as_posix().rstrip("/")
        for source in re.findall(r"^COPY\s+(?:--\S+\s+)*(\S+)", DOCKERFILE.read_text(), flags=re.MULTILINE)
    }
    local_apps = {app.split(".")[0] for app in settings.INSTALLED_APPS if (BASE_DIR / app.split(".")[0]).is_dir()}
    needed = local_apps | {"config", "templates", "static", "locale", "manage.py"}
    assert not needed - copied, f"the Dockerfile does not COPY: {sorted(needed - copied)}"


# --- The production settings themselves --------------------------------------------------------------


def test_check_deploy_reports_nothing():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_web_processes_keep_no_state_of_their_own():
    script = (
        "import json, django; django.setup(); from django.conf import settings; import config.wsgi, config.celery;"
        "print(json.dumps({'session': settings.SESSION_ENGINE, 'cache': settings.CACHES['default']['BACKEND'],"
        "'broker': config.celery.app.conf.broker_url, 'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
        "'debug': settings.DEBUG, 'wsgi': callable(config.wsgi.application)}))"
    )
    env = production_env(REDIS_URL="redis://redis:6379/0", CELERY_BROKER_URL="redis://redis:6379/1")
    result = run_python(["-c", script], env)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == {
        "session": "django.contrib.sessions.backends.db",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "broker": "redis://redis:6379/1",
        "eager": False,
        "debug": False,
        "wsgi": True,
    }


def test_collectstatic_works_with_the_production_storage(tmp_path):
    result = run_python(
        ["manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        production_env(DJANGO_STATIC_ROOT=str(tmp_path / "static")),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()
