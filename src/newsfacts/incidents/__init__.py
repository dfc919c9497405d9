"""Incidents: the events an article reports, with killed / injured / arrested totals as a careful reader counts.

    find_events(doc, facts, dates, entities, published) -> list[Event]

Stages (one module each): `mentions` reads the people the text names and their fates off the parse;
`segment` tells incidents apart and gives each its standing (current, historical, background); `people`
counts one person once across sentences; `totals` turns people and stated figures into totals with their
derivations; `events` puts them together. Nothing here parses the text again: all is read off the one `doc`.
"""

from __future__ import annotations

from .events import find_events
from .mentions import Mention, ZeroCue, find_mentions, find_zero_cues

__all__ = ["Mention", "ZeroCue", "find_events", "find_mentions", "find_zero_cues"]
