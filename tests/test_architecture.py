"""The apps' layers (pyproject.toml's [tool.importlinter]): every app imports only the layers below it.

CI runs `make test`, so the import contract is checked here, with import-linter's own command.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(command), "--no-cache", "--no-logo"], cwd=project, capture_output=True, text=True, timeout=120
    )


def _layer_apps() -> set[str]:
    (contract,) = [contract for contract in CONFIG["contracts"] if contract["type"] == "layers"]
    return {app.strip() for layer in contract["layers"] for app in layer.split("|")}


def test_every_app_imports_only_the_layers_below_it():
    result = lint_imports(BASE_DIR)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_layers_name_every_app_of_the_project():
    local_apps = {app.split(".")[0] for app in settings.INSTALLED_APPS if (BASE_DIR / app.split(".")[0]).is_dir()}

    assert _layer_apps() == local_apps | {"config"}
    assert set(CONFIG["root_packages"]) == _layer_apps()


def test_the_contract_breaks_when_a_bottom_layer_imports_a_top_one(tmp_path):
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            BASE_DIR / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "migrations"),
        )
    shutil.copy(BASE_DIR / "pyproject.toml", tmp_path)
    (tmp_path / "core" / "layer_breach.py").write_text("import dashboards  # noqa: F401\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 1 broken." in result.stdout
    assert "core is not allowed to import dashboards" in result.stdout
    assert "core.layer_breach -> dashboards" in result.stdout
