"""Where a bundle's primary fields go wrong, on any extracts (the independent set beside synthetic text).

    python benchmarks/primary_errors.py --bundle DIR_OR_URI --extract benchmarks/independent/neurology \
        --extract /tmp/synth_unseen [--confusions 10] [--out FILE.json]

Each extract is coded as `autocoding code` codes it (the bundle's document types, label maps, thresholds and
decision), and every episode's primary diagnosis and primary procedure falls in exactly one class:

- right: the suggestion's first code is the gold primary;
- no gold primary: the coder recorded no code of that system (right when nothing is suggested either);
- gold outside the label space: the model cannot express the gold primary at all (the generator never writes it,
  or too rarely to be a label);
- suggested, not first: the gold primary is among the suggested codes but another leads (sequencing);
- in the label space, not suggested: the model could have named it and did not (recognition);
- nothing suggested: the gold has a primary, the suggestion has no code of that system.

The classes say which remedy a shortfall needs: wider label space (generator coverage), better recognition of
what is written (the model, or the generator's surface forms), or the sequencing convention. `--confusions N` also
lists the N commonest (gold primary, suggested first) pairs of the last two classes. `--novelty-bands K` splits the
episodes into K bands of equal size by the bundle's wording novelty (the share of a text's words never seen in
training, `autocoding.policy.novelty`) and gives each band's share of right primary fields: whether the model fails
where the wording is new to it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

CLASSES = ("right", "no gold primary", "gold outside the label space", "suggested, not first",
           "in the label space, not suggested", "nothing suggested")


def primary_class(gold: Sequence[str], suggested: Sequence[str], label_space: set[str]) -> str:
    """The class (CLASSES) of one episode's primary field in one code system."""
    if not gold:
        return "right" if not suggested else "no gold primary"
    primary = gold[0]
    if suggested and suggested[0] == primary:
        return "right"
    if primary not in label_space:
        return "gold outside the label space"
    if primary in suggested:
        return "suggested, not first"
    return "nothing suggested" if not suggested else "in the label space, not suggested"


def classify(gold: dict[str, list[list[str]]], suggested: dict[str, list[list[str]]],
             labels: dict[str, Sequence[str]], confusions: int = 0) -> dict[str, dict]:
    """Per system: counts per class (all CLASSES, zeros included), and the commonest confusions."""
    out = {}
    for system, per_episode in gold.items():
        space = set(labels.get(system, []))
        classes = [primary_class(g, s, space) for g, s in zip(per_episode, suggested[system], strict=True)]
        pairs = Counter((g[0], s[0]) for g, s, c in zip(per_episode, suggested[system], classes, strict=True)
                        if c in ("suggested, not first", "in the label space, not suggested"))
        out[system] = {"episodes": len(classes), "classes": {c: classes.count(c) for c in CLASSES},
                       "confusions": [[g, s, n] for (g, s), n in pairs.most_common(confusions)]}
    return out


def by_band(score: Sequence[float], right: dict[str, Sequence[bool]], bands: int) -> list[dict]:
    """Episodes in `bands` bands of equal size by `score` (lowest first): each band's score range and, per system,
    the share of episodes whose primary field is right."""
    order = np.argsort(np.asarray(score, dtype=float), kind="stable")
    out = []
    for part in np.array_split(order, bands):
        if len(part):
            values = np.asarray(score, dtype=float)[part]
            out.append({"episodes": len(part), "low": float(values.min()), "high": float(values.max()),
                        "right": {s: float(np.mean(np.asarray(r, dtype=bool)[part])) for s, r in right.items()}})
    return out


def measure(bundle: str, extract: Path, confusions: int = 0, bands: int = 0) -> dict:
    from autocoding.pipelines.report_job import from_extract
    from autocoding.serving.predictor import Coder, ServingOptions

    coder = Coder.from_bundle(bundle, ServingOptions(progress=False))
    episodes = from_extract(Path(extract), coder, "audit", "quarantine", None)  # as `autocoding report` reads one
    coded = coder.code(episodes.texts)
    result = {"bundle": bundle, "extract": str(extract), "episodes": len(episodes.ids),
              "systems": classify(episodes.gold, coded.decisions.codes, coder.bundle.labels, confusions)}
    novelty = coder.bundle.ood.novelty if coder.bundle.ood is not None else None
    if bands and novelty is not None:
        right = {s: [primary_class(g, c, set(coder.bundle.labels.get(s, []))) == "right"
                     for g, c in zip(gold, coded.decisions.codes[s], strict=True)]
                 for s, gold in episodes.gold.items()}
        result["novelty_bands"] = by_band(novelty.score(episodes.texts).word, right, bands)
    return result


def render(r: dict) -> str:
    lines = [f"{r['extract']}: {r['episodes']} episodes, bundle {r['bundle']}"]
    for system, d in r["systems"].items():
        n = d["episodes"]
        lines.append(f"  {system}: primary " + ", ".join(
            f"{name} {count} ({100 * count / n:.1f}%)" for name, count in d["classes"].items() if count or
            name == "right"))
        for gold, first, count in d["confusions"]:
            lines.append(f"    gold {gold} <- suggested first {first}: {count}")
    for band in r.get("novelty_bands", []):
        lines.append(f"  unseen-word share {band['low']:.3f}-{band['high']:.3f} ({band['episodes']} episodes): primary "
                     + ", ".join(f"{s} {100 * v:.1f}% right" for s, v in band["right"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, help="bundle directory, runs:/ or models:/ URI")
    parser.add_argument("--extract", type=Path, action="append", required=True, help="an extract dir (repeatable)")
    parser.add_argument("--confusions", type=int, default=0, help="list this many commonest confusions")
    parser.add_argument("--novelty-bands", type=int, default=0,
                        help="split the episodes into this many bands by wording novelty (0: none)")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    results = [measure(args.bundle, extract, args.confusions, args.novelty_bands) for extract in args.extract]
    print("\n\n".join(render(r) for r in results))
    if args.out:
        from autocoding.files import write_json_atomic

        write_json_atomic(args.out, results, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
