"""Enrichment: topics, quotes, tone and photo of a meeting, each from the sentences that report it."""

from .photos import photo_of
from .quotes import quotes_in
from .tone import recognize_tone_cues, tone_of
from .topics import recognize_topics, topics_in

__all__ = ["photo_of", "quotes_in", "recognize_tone_cues", "recognize_topics", "tone_of", "topics_in"]
