"""Aliases of a registered model: a trained version becomes `challenger`; only the gate (`registry.gate`, through
`autocoding promote`) moves `production`, and `autocoding rollback` moves it back.

The history of production versions is a registered-model tag, `production.history` (oldest first, comma
separated), so a roll-back needs nothing but the registry. Each decision is written on the version it judged:
tags `promotion.*` (result, reasons, forced, both score sets) and the version's description.
"""

from __future__ import annotations

from dataclasses import dataclass

from autocoding.errors import ConfigError

CHALLENGER, PRODUCTION = "challenger", "production"
HISTORY = "production.history"


def alias_version(client, name: str, alias: str) -> str | None:
    from mlflow.exceptions import MlflowException

    try:
        return str(client.get_model_version_by_alias(name, alias).version)
    except MlflowException:
        return None


def mark_challenger(client, name: str, version: str) -> None:
    """What training does with a new version: alias `challenger`, never `production`."""
    client.set_registered_model_alias(name, CHALLENGER, str(version))


def history(client, name: str) -> list[str]:
    tag = client.get_registered_model(name).tags.get(HISTORY, "")
    return [v for v in tag.split(",") if v]


@dataclass
class Outcome:
    version: str
    promoted: bool
    forced: bool
    reasons: list[str]
    previous: str | None  # the production version before this decision


def record_decision(client, name: str, version: str, outcome: Outcome, tags: dict[str, str]) -> None:
    result = "production" if outcome.promoted else "refused"
    all_tags = {"promotion.result": result, "promotion.forced": str(outcome.forced).lower(),
                "promotion.reasons": " | ".join(outcome.reasons)[:5000],
                "promotion.compared_with": outcome.previous or "none", **tags}
    for key, value in all_tags.items():
        client.set_model_version_tag(name, version, key, value)
    verb = "forced into production" if outcome.forced else ("promoted to production" if outcome.promoted
                                                              else "refused production")
    text = f"{verb} (compared with {outcome.previous or 'no production version'}): " + "; ".join(outcome.reasons)
    client.update_model_version(name, version, description=text[:5000])


def set_production(client, name: str, version: str) -> str | None:
    """Move `production` to `version`, appending it to the history; returns the version it replaced."""
    previous = alias_version(client, name, PRODUCTION)
    client.set_registered_model_alias(name, PRODUCTION, str(version))
    past = history(client, name)
    if not past or past[-1] != str(version):
        client.set_registered_model_tag(name, HISTORY, ",".join([*past, str(version)]))
    return previous


def rollback(client, name: str) -> tuple[str, str]:
    """Restore the production version before the current one: (from, to). The history loses its last entry."""
    past = history(client, name)
    current = alias_version(client, name, PRODUCTION)
    if current is None or len(past) < 2:
        raise ConfigError(f"{name}: no earlier production version to roll back to (history: {past or 'empty'})")
    if past[-1] != current:
        raise ConfigError(f"{name}: production is v{current} but the history ends with v{past[-1]}; "
                          "set the alias by hand (mlflow) to resolve")
    target = past[-2]
    client.set_registered_model_alias(name, PRODUCTION, target)
    client.set_registered_model_tag(name, HISTORY, ",".join(past[:-1]))
    client.set_model_version_tag(name, current, "promotion.rolled_back", "true")
    return current, target
