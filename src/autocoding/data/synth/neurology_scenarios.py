"""Every short-stay neurology scenario: elective (`neurology_catalogue`, `neurology_day_cases`) and acute
(`neurology_acute_paroxysmal`, `neurology_acute_deficit`). Weights are relative across the whole table."""

from __future__ import annotations

from .neurology_acute_deficit import ACUTE_DEFICIT
from .neurology_acute_paroxysmal import ACUTE_PAROXYSMAL
from .neurology_catalogue import SCENARIOS
from .neurology_day_cases import DAY_CASES

ALL_SCENARIOS = SCENARIOS + DAY_CASES + ACUTE_PAROXYSMAL + ACUTE_DEFICIT
