"""``python -m summitline`` and the ``summitline`` program: the command line (``cli``)."""

import gc
import os
import sys


def run() -> None:
    """Run the command line and exit with its status. The collector is off while it starts: start-up creates
    many lasting objects (modules, the compiled knowledge base) that it would scan again and again for
    nothing; a command that goes on to read many documents or to serve turns it back on (``cli.main``).

    A command that left it off read one document or made one lookup, and owns nothing but its standard
    output: the process then ends at once, after flushing it, instead of freeing every object of the
    knowledge base one by one (a tenth of such a command's time)."""
    gc.disable()
    from .cli import main

    code = main()
    if gc.isenabled():
        raise SystemExit(code)
    end_now(code)


def end_now(code: int) -> None:
    """Flush standard output and error, then end the process without the interpreter's clean-up."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader went away (`… | head`): what it read is all it wanted
    except OSError:
        code = code or 1  # output that could not be written is a failure, as at a normal exit
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
