"""Recognisers: each finds one kind of mention in text, with its span, and nothing else."""

from .cues import CueMention, recognize_cues
from .dates import DateMention, recognize_dates
from .leaders import LeaderMention, recognize_leaders
from .occasions import OccasionMention, recognize_occasions
from .places import PlaceMention, recognize_places

__all__ = [
    "CueMention",
    "DateMention",
    "LeaderMention",
    "OccasionMention",
    "PlaceMention",
    "recognize_cues",
    "recognize_dates",
    "recognize_leaders",
    "recognize_occasions",
    "recognize_places",
]
