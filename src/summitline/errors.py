"""Exceptions raised by summitline.

Every message says what went wrong and what to do about it::

    SummitlineError                 base class; the CLI turns it into a one-line error, exit 2
    ├── InputError                  a document that cannot be read as text
    │   ├── SourceNotFoundError     no such file, or a directory where a file was expected
    │   ├── DocumentTooLargeError   larger than the configured limit
    │   └── NotTextError            empty, binary or undecodable content
    ├── FetchError                  a URL that cannot be fetched (unreachable, HTTP error,
    │                               non-text content, private address refused)
    ├── KnowledgeBaseError          a knowledge-base file that is missing or malformed
    ├── ConfigError                 a setting (flag or environment variable) with a bad value, or an
    │                               out-of-range value given to the library (a limit below 1)
    └── MissingExtraError           an export format whose optional extra is not installed
                                    (``summitline.export.parquet``)

Modules raise errors of their own kind under these where they own a resource: the library's
``StoreError`` (``store/database.py``), ``DocumentNotFoundError`` (``store/documents.py``).

Most bad flag values never get this far: the CLI's argument layer (``cli/arguments.py``) refuses them
as they are parsed, with the same one-line error and exit 2.

A document that yields no meeting is a result, not an error; during an ingest, a document that fails
(with one of these errors, an unexpected exception or by running out of time) is a recorded failure.
"""

from __future__ import annotations


class SummitlineError(Exception):
    """Base class of every error summitline raises on purpose."""


class InputError(SummitlineError):
    """The document cannot be used as input."""


class SourceNotFoundError(InputError):
    pass


class DocumentTooLargeError(InputError):
    pass


class NotTextError(InputError):
    pass


class FetchError(SummitlineError):
    pass


class KnowledgeBaseError(SummitlineError):
    pass


class ConfigError(SummitlineError):
    pass
