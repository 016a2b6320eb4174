"""Enrichment: topics, quotes, tone and photo of a meeting, each from the sentences that report it."""

from .photos import photo_of
from .quotes import quotes_in
from .tone import tone_of
from .topics import topics_in

__all__ = ["photo_of", "quotes_in", "tone_of", "topics_in"]
