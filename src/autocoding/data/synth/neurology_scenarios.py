"""Every short-stay neurology scenario: elective (`neurology_catalogue`, `neurology_day_cases`) and acute
(`neurology_acute_paroxysmal`, `neurology_acute_deficit`, `neurology_acute_mimics`, `neurology_acute_nerves`,
`neurology_acute_known_conditions`, `neurology_acute_more`). Weights are relative across the whole table."""

from __future__ import annotations

from .neurology_acute_deficit import ACUTE_DEFICIT
from .neurology_acute_known_conditions import ACUTE_KNOWN
from .neurology_acute_mimics import ACUTE_MIMICS
from .neurology_acute_more import ACUTE_MORE
from .neurology_acute_nerves import ACUTE_NERVES
from .neurology_acute_paroxysmal import ACUTE_PAROXYSMAL
from .neurology_catalogue import SCENARIOS
from .neurology_day_cases import DAY_CASES

ALL_SCENARIOS = (SCENARIOS + DAY_CASES + ACUTE_PAROXYSMAL + ACUTE_DEFICIT + ACUTE_MIMICS + ACUTE_NERVES
                 + ACUTE_KNOWN + ACUTE_MORE)
