"""`autocoding synth`: configuration -> typed settings -> streamed extract on disk.

    autocoding synth specialty=endoscopy n_episodes=2000 seed=0 out=data/extract/endoscopy [format=csv]
"""

from __future__ import annotations

import time
from pathlib import Path

from autocoding.errors import ConfigError

from .stream import SPECIALTIES, SynthSettings, batches
from .writer import FORMATS, ExtractWriter


def settings_from(cfg) -> tuple[SynthSettings, Path, str]:
    """Validate the composed config (conf/synth.yaml) into typed settings, the output folder and the format."""
    specialty = str(cfg.specialty)
    if specialty not in SPECIALTIES:
        raise ConfigError(f"synth: specialty must be one of {sorted(SPECIALTIES)}, got {specialty!r}")
    fmt = str(cfg.get("format", "parquet"))
    if fmt not in FORMATS:
        raise ConfigError(f"synth: format must be one of {FORMATS}, got {fmt!r}")
    settings = SynthSettings(specialty=specialty, n_episodes=int(cfg.n_episodes), seed=int(cfg.seed),
                             coding_error_rate=float(cfg.coding_error_rate), audit_fraction=float(cfg.audit_fraction),
                             batch_size=int(cfg.batch_size), id_offset=int(cfg.get("id_offset") or 0),
                             styles=_styles(specialty, cfg.get("styles")))
    if settings.id_offset < 0:
        raise ConfigError(f"synth: id_offset must be at least 0, got {settings.id_offset}")
    if settings.n_episodes < 1:
        raise ConfigError(f"synth: n_episodes must be at least 1, got {settings.n_episodes}")
    if settings.batch_size < 1:
        raise ConfigError(f"synth: batch_size must be at least 1, got {settings.batch_size}")
    for name in ("coding_error_rate", "audit_fraction"):
        value = getattr(settings, name)
        if not 0.0 <= value <= 1.0:
            raise ConfigError(f"synth: {name} must be between 0 and 1, got {value}")
    return settings, Path(str(cfg.out)), fmt


def _styles(specialty: str, weights) -> tuple[tuple[str, float], ...] | None:
    """`styles: {name: weight}` (conf/synth.yaml) as (style, weight) pairs in the generator's order; None when empty.
    A style the generator does not write, a negative weight or all weights zero is refused."""
    if not weights:
        return None
    known = [name for name, _ in SPECIALTIES[specialty].STYLES]
    unknown = sorted(set(map(str, weights)) - set(known))
    if unknown:
        raise ConfigError(f"synth: styles {unknown} are not {specialty} house styles; known: {known}")
    pairs = tuple((name, float(weights.get(name, 0.0))) for name in known)
    if any(w < 0 for _, w in pairs) or not any(w > 0 for _, w in pairs):
        raise ConfigError(f"synth: styles weights must be at least 0 and not all 0, got {dict(weights)}")
    return pairs


def write_extract(settings: SynthSettings, out: Path, fmt: str = "parquet") -> dict[str, int]:
    """Generate and write the extract; returns row counts per table."""
    with ExtractWriter(out, fmt) as writer:
        for batch in batches(settings):
            writer.write(batch)
    return writer.rows


def run(cfg) -> dict[str, int]:
    settings, out, fmt = settings_from(cfg)
    start = time.perf_counter()
    rows = write_extract(settings, out, fmt)
    seconds = time.perf_counter() - start
    print(f"synth: {rows['episodes']} {settings.specialty} episodes, {rows['documents']} documents, "
          f"{rows['audit']} audit rows -> {out} ({fmt}) in {seconds:.1f}s "
          f"({rows['episodes'] / max(seconds, 1e-9):,.0f} episodes/s)")
    return rows
