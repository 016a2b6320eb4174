"""``python -m summitline`` and the ``summitline`` program: the command line (``cli``)."""

import gc


def run() -> None:
    """Run the command line and exit with its status. The collector is off while it starts: start-up creates
    many lasting objects (modules, the compiled knowledge base) that it would scan again and again for
    nothing; a command that goes on to read many documents turns it back on (``cli.main``)."""
    gc.disable()
    from .cli import main

    raise SystemExit(main())


if __name__ == "__main__":
    run()
