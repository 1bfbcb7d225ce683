"""Synthetic datasets N times the seed graph's size, for benchmarks and load tests."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TypeVar

from graph.dataset import Dataset
from graph.model import Entity, Record

__all__ = ["generate_dataset"]

E = TypeVar("E", bound=Entity)

_CROSS_CLUSTER_SHARE = 0.15
"""Share of a copy's dependencies that point into the previous copy instead of its own."""


def generate_dataset(base: Dataset, *, scale: int, seed: int) -> Dataset:
    """A dataset made of ``scale`` copies of ``base``, varied at random but reproducibly.

    Copy 1 keeps the base ids; copy k > 1 suffixes every id with ``-sK``. Each copy
    has the base's forces, capabilities (same stages), dependencies, crime types,
    suppliers, offerings, assessments, supplier use and pilots. Maturities move by
    at most one level, volumes and benefit results by up to half, and about 15% of
    a copy's dependencies point to the matching capability of the previous copy,
    which links the copies while keeping the dependency graph acyclic when the
    base's is. Sources and metrics are shared. Every generated record is marked
    ``illustrative``. The same ``seed`` always gives the same dataset.

    Raises
    ------
    ValueError
        ``scale`` is less than 1.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    rng = random.Random(seed)
    out = Dataset(origin=f"generate --scale {scale} --seed {seed}")
    out.sources = list(base.sources)
    out.metrics = list(base.metrics)
    for copy in range(1, scale + 1):
        _add_copy(base, out, copy, rng)
    return out


def _add_copy(base: Dataset, out: Dataset, copy: int, rng: random.Random) -> None:
    def rid(value: str, at: int = copy) -> str:
        return value if at == 1 else f"{value}-s{at}"

    def name(value: str) -> str:
        return value if copy == 1 else f"{value} ({copy})"

    def clone(records: list[E], change: Callable[[E], dict[str, object]]) -> list[E]:
        synthetic = {"illustrative": True}
        return [
            record.model_copy(
                update=change(record) | (synthetic if isinstance(record, Record) else {})
            )
            for record in records
        ]

    out.forces += clone(base.forces, lambda f: {"id": rid(f.id), "name": name(f.name)})
    out.capabilities += clone(base.capabilities, lambda c: {"id": rid(c.id), "name": name(c.name)})
    out.suppliers += clone(base.suppliers, lambda s: {"id": rid(s.id), "name": name(s.name)})
    out.crime_types += clone(
        base.crime_types,
        lambda c: {
            "id": rid(c.id),
            "name": name(c.name),
            "annual_volume": _vary(c.annual_volume, rng),
        },
    )
    reach_back = copy > 1
    out.dependencies += clone(
        base.dependencies,
        lambda d: {
            "capability": rid(d.capability),
            "depends_on": rid(d.depends_on, copy - 1)
            if reach_back and rng.random() < _CROSS_CLUSTER_SHARE
            else rid(d.depends_on),
        },
    )
    out.crime_needs += clone(
        base.crime_needs,
        lambda n: {"crime_type": rid(n.crime_type), "capability": rid(n.capability)},
    )
    out.offerings += clone(
        base.offerings, lambda o: {"supplier": rid(o.supplier), "capability": rid(o.capability)}
    )
    out.force_suppliers += clone(
        base.force_suppliers,
        lambda u: {
            "force": rid(u.force),
            "supplier": rid(u.supplier),
            "capability": rid(u.capability),
        },
    )
    out.assessments += clone(
        base.assessments,
        lambda a: {
            "force": rid(a.force),
            "capability": rid(a.capability),
            "maturity": max(0, min(5, a.maturity + rng.choice((-1, 0, 0, 1)))),
        },
    )
    out.pilots += clone(
        base.pilots,
        lambda p: {
            "id": rid(p.id),
            "name": name(p.name),
            "forces": [rid(f) for f in p.forces],
            "capabilities": [rid(c) for c in p.capabilities],
            "crime_types": [rid(c) for c in p.crime_types],
            "supplier": rid(p.supplier) if p.supplier else None,
            "benefits": [
                b.model_copy(update={"result": round(b.result * rng.uniform(0.8, 1.2), 2)})
                for b in p.benefits
            ],
        },
    )


def _vary(volume: int | None, rng: random.Random) -> int | None:
    return None if volume is None else round(volume * rng.uniform(0.5, 1.5))
