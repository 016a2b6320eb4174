"""Build: the extraction pipeline compiled to C by mypyc, or left as Python.

The metadata is in ``pyproject.toml``, with the list of compiled modules
(``[tool.summitline.compiled]``); this file only adds them. ``pip install`` compiles them with
mypyc when a C compiler is present (about two minutes, once) and they extract the same meetings
about a fifth faster; where compiling fails (no compiler, no Python headers) the package installs
as plain Python, which works the same. ``SUMMITLINE_PURE_PYTHON=1`` skips compiling and removes
the compiled copies an earlier editable install left beside the sources: while you edit these
modules, an editable install otherwise keeps importing the compiled copy until you reinstall
(``tests/test_build.py`` fails when a compiled module is older than its source).
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"


def _say(message: str) -> None:
    print(f"summitline: {message}", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """Compiled modules are an optimisation: when any fails to build, none is installed."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # a compiler's failure comes as several distutils error classes
            for built in self.get_outputs():
                Path(built).unlink(missing_ok=True)
            _say(f"not compiled ({error}); installing the pure-Python pipeline")


def _remove_compiled_copies() -> None:
    """An editable install's compiled modules sit beside the sources and are imported before them."""
    for built in [*SRC.glob("*__mypyc.*"), *SRC.glob("summitline/**/*.so"), *SRC.glob("summitline/**/*.pyd")]:
        built.unlink(missing_ok=True)


def compiled_modules() -> list:
    _remove_compiled_copies()  # built afresh below, or not at all: never a stale one, nor one no longer listed
    if os.environ.get("SUMMITLINE_PURE_PYTHON", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed; installing the pure-Python pipeline")
        return []
    modules = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["summitline"]["compiled"]["modules"]
    cwd = os.getcwd()
    os.chdir(SRC)  # mypyc names each module by its path
    try:
        return mypycify(
            [*modules, "--config-file", str(ROOT / "pyproject.toml")],
            target_dir=str(ROOT / "build" / "mypyc"),
            opt_level="3",
        )
    except (Exception, SystemExit) as error:  # mypyc exits on a type error: the Python modules work the same
        _say(f"mypyc failed ({error}); installing the pure-Python pipeline")
        return []
    finally:
        os.chdir(cwd)


setup(ext_modules=compiled_modules(), cmdclass={"build_ext": OptionalBuildExt})
