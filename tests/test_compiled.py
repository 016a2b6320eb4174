"""The compiled pipeline (``setup.py``, mypyc): it is what the README's install builds in CI, it is never
older than its source, and it extracts exactly what the Python source does."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from summitline import extract
from summitline.compiled import compiled_modules

ROOT = Path(__file__).resolve().parents[1]
LISTED = [
    m[: -len(".py")].replace("/", ".")
    for m in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["summitline"]["compiled"]["modules"]
]


def test_every_module_listed_for_compiling_exists_and_is_what_compiled_modules_reports() -> None:
    for name in LISTED:
        assert (ROOT / "src" / (name.replace(".", "/") + ".py")).is_file(), name
    for name in compiled_modules():
        module = importlib.import_module(name)
        assert module.__file__ and module.__file__.endswith(tuple(EXTENSION_SUFFIXES)), name
        assert name in LISTED, f"{name} is compiled but no longer listed: reinstall"


@pytest.mark.skipif(
    not os.environ.get("CI") or os.environ.get("SUMMITLINE_PURE_PYTHON", "") not in ("", "0"),
    reason="CI installs with a C compiler present; elsewhere the pure-Python install is as good",
)
def test_the_readme_install_compiles_the_whole_pipeline_in_ci() -> None:
    assert compiled_modules() == sorted(LISTED)


def test_no_compiled_module_is_older_than_its_source() -> None:
    """An editable install keeps importing a compiled copy after its source is edited: reinstall (or install
    with SUMMITLINE_PURE_PYTHON=1) rather than test code that is not what runs."""
    for name in compiled_modules():
        source = ROOT / "src" / (name.replace(".", "/") + ".py")
        built = importlib.import_module(name).__file__
        assert built is not None
        if source.is_file() and Path(built).parent == source.parent:  # an editable install's copy
            assert Path(built).stat().st_mtime >= source.stat().st_mtime, f"{built} is older than {source}"


_EXTRACT = """
import json, sys
from pathlib import Path
from summitline import extract
from summitline.compiled import compiled_modules
assert not compiled_modules(), compiled_modules()
print(json.dumps([extract(Path(p)).to_dict()["meetings"] for p in sys.argv[1:]]))
"""


def _documents() -> list[Path]:
    docs = sorted((ROOT / "examples").glob("*.txt"))
    seed = ROOT.parent / "shared/seeds/000_a39ee73e12a900c8.txt"
    return docs + ([seed] if seed.is_file() else [])


@pytest.mark.skipif(not compiled_modules(), reason="the pipeline is not compiled here: nothing to compare")
def test_the_compiled_pipeline_extracts_what_its_python_source_does(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(
        ROOT / "src" / "summitline",
        source / "summitline",
        ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"),
    )
    env = {**os.environ, "PYTHONPATH": str(source), "SUMMITLINE_CACHE": str(tmp_path / "cache")}
    docs = _documents()
    run = subprocess.run(
        [sys.executable, "-c", _EXTRACT, *map(str, docs)], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    from_source = json.loads(run.stdout)
    compiled = [extract(p).to_dict()["meetings"] for p in docs]
    assert sum(map(len, compiled)) >= 10  # the examples hold meetings: the comparison says something
    assert compiled == from_source


def test_every_listed_module_translates_to_c(tmp_path: Path) -> None:
    """mypyc translates the listed modules to C (without compiling it): a construction it cannot translate
    makes the install fall back to pure Python, which this catches before an install does."""
    pytest.importorskip("mypyc.build")
    script = (
        "import os, sys, tomllib\n"
        "from mypyc.build import mypycify\n"
        "root = sys.argv[1]\n"
        "modules = tomllib.load(open(os.path.join(root, 'pyproject.toml'), 'rb'))"
        "['tool']['summitline']['compiled']['modules']\n"
        "os.chdir(os.path.join(root, 'src'))\n"
        "mypycify([*modules, '--config-file', os.path.join(root, 'pyproject.toml')], target_dir=sys.argv[2])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(tmp_path)], capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert len(list(tmp_path.rglob("*.c"))) >= len(LISTED)
