"""The argument layer: every flag's value is checked as it is parsed, and a bad one is one line and exit 2.

Each ``type=`` function below turns the text a user typed into a value or raises
``argparse.ArgumentTypeError`` with a message that starts with the value and says what to give instead;
:class:`Parser` prints it as ``summitline: error: --limit '0': give …`` (no usage block, no traceback).
"""

from __future__ import annotations

import argparse
import calendar
import re
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from .tables import terminal_columns

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors are one line on stderr, like every other error, and exit 2.

    Subcommand parsers are of this class too (``add_subparsers`` uses the parent's class)."""

    def error(self, message: str) -> NoReturn:
        message = re.sub(r"^argument ([^:]+): (?=')", r"\1 ", message)  # a bad value: "--limit '0': give …"
        message = re.sub(r"^argument ([^:]+): ", r"\1: ", message)
        if "give " not in message and "choose from" not in message:
            message += f"; `{self.prog} --help` lists the arguments"
        self.exit(2, f"summitline: error: {message}\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # the width argparse would find, without its import of shutil (and of the compression modules)
        # at every start-up: argparse makes a formatter for each argument it is given
        return self.formatter_class(prog=self.prog, width=terminal_columns(80) - 2)  # type: ignore[call-arg]

    def parse_command(self, argv: Sequence[str] | None) -> argparse.Namespace:
        """``parse_args``, but arguments no parser knows are reported by the command's own parser, so the
        error points at ``summitline timeline --help`` rather than ``summitline --help``."""
        args, extra = self.parse_known_args(argv)
        if extra:
            _command_parser(self, args).error(f"unrecognized arguments: {' '.join(extra)}")
        return args


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the (sub)command that ``args`` chose."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and getattr(args, action.dest, None) in action.choices:
            return _command_parser(action.choices[getattr(args, action.dest)], args)
    return parser


def _bad(text: str, advice: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(f"{text!r}: {advice}")


def _bounds(
    text: str, advice: str, precisions: tuple[int, ...] = (1, 2, 3), value: str | None = None
) -> tuple[date, date]:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (parsed here, so that checking a
    flag does not load the knowledge base). An error names ``value``, the whole flag value, or ``text``."""
    m = _DATE.fullmatch(text.strip())
    if m is None or sum(g is not None for g in m.groups()) not in precisions:
        raise _bad(value or text, advice)
    try:
        first = date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        if m[3]:
            return first, first
        if m[2]:
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return first, first.replace(month=12, day=31)
    except ValueError:
        raise _bad(value or text, f"{advice}; that year, month or day does not exist") from None


def date_value(text: str) -> str:
    """A date at the precision the user gives: ``2005``, ``2005-06`` or ``2005-06-04`` (a real day)."""
    _bounds(text, "give a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2001-06)")
    return text.strip()


def first_day(value: str) -> date:
    """The first day of a date :func:`date_value` accepted."""
    return _bounds(value, "")[0]


def last_day(value: str) -> date:
    """The last day of a date :func:`date_value` accepted."""
    return _bounds(value, "")[1]


def date_or_span(text: str) -> str:
    """A date at any precision, or a span ``START/END`` of two of them in order."""
    advice = "give a date as YYYY, YYYY-MM or YYYY-MM-DD, or a span START/END (e.g. 2001-06/2002)"
    start, slash, end = text.partition("/")
    first = _bounds(start, advice, value=text)[0]
    last = _bounds(end if slash else start, advice, value=text)[1]
    if first > last:
        raise _bad(text, "the span ends before it starts; give START/END with START first")
    return text.strip()


def day(text: str) -> str:
    """One calendar day, ``YYYY-MM-DD`` (a publication date: "on Friday" needs a day to count from)."""
    _bounds(text, "give a date as YYYY-MM-DD", precisions=(3,))
    return text.strip()


def seconds(text: str) -> float:
    """A duration in seconds, above zero (``0.5``, ``20``)."""
    try:
        value = float(text)
    except ValueError:
        raise _bad(text, "give a number of seconds above zero, such as 20") from None
    if not value > 0 or value == float("inf"):  # also refuses nan
        raise _bad(text, "give a number of seconds above zero, such as 20")
    return value


def _whole(text: str, advice: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _bad(text, advice) from None


def _at_least(text: str, minimum: int, advice: str) -> int:
    value = _whole(text, advice)
    if value < minimum:
        raise _bad(text, advice)
    return value


def limit(text: str) -> int:
    """How many results at most: 1 or more (no limit is no flag, not 0)."""
    return _at_least(text, 1, "give a whole number of 1 or more; leave the flag out for no limit")


def byte_count(text: str) -> int:
    """A size in bytes, above zero."""
    return _at_least(text, 1, "give a whole number of bytes above zero, such as 5000000")


def worker_count(text: str) -> int:
    """``--workers``: a whole number of processes, 1 or more."""
    return _at_least(text, 1, "give a whole number of processes of 1 or more, such as 4")


def failure_count(text: str) -> int:
    """How many failures are tolerated: 0 or more."""
    return _at_least(text, 0, "give a whole number of 0 or more")


def search_text(text: str) -> str:
    """Words to search for (a value of ``--search``): anything but blank."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: give words to search for, such as 'helsinki summit'")
    return text
