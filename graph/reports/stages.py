"""Each stage's name and colour as reports and the explorer show them (``stages.json``)."""

from __future__ import annotations

import json
from importlib import resources

from graph.analysis.views import STAGES

__all__ = ["STAGE_COLOUR", "STAGE_NAME"]

_STAGES = json.loads(resources.files("graph.reports").joinpath("stages.json").read_text())

STAGE_NAME: dict[str, str] = {stage: _STAGES[stage]["name"] for stage in STAGES}
"""``Public contact``, ``Investigation``, ``Evidence``, by stage."""

STAGE_COLOUR: dict[str, str] = {stage: _STAGES[stage]["colour"] for stage in STAGES}
"""The colour of each stage's marks, shared with the explorer (``api/explorer``)."""
