"""Which of summitline's modules run compiled.

``pip install`` compiles the extraction pipeline (the modules listed under
``[tool.summitline.compiled]`` in ``pyproject.toml``) to C with mypyc where a C compiler is
present; see ``setup.py``. The compiled modules extract exactly what their Python source does,
about a fifth faster; a Python interpreter imports a module's compiled copy before its source.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path


def compiled_modules() -> list[str]:
    """The dotted names of the package's modules that are compiled extensions, sorted."""
    package = Path(__file__).resolve().parent
    suffixes = sorted(EXTENSION_SUFFIXES, key=len, reverse=True)  # ".cpython-311-x86_64-linux-gnu.so" before ".so"
    found = set()
    for path in package.rglob("*"):
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix:
            found.add(".".join(path.relative_to(package.parent).parts)[: -len(suffix)])
    return sorted(found)
