"""Synthetic datasets N times the seed graph's size, for benchmarks and load tests."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TypeVar

from graph.dataset.contents import Dataset
from graph.exceptions import InvalidArgumentError
from graph.model import Entity, Kind, Record
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_NEEDS,
    CRIME_TYPES,
    CRIME_VOLUMES,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    METRICS,
    OFFERINGS,
    PILOTS,
    REGIONAL_UNITS,
    SOURCES,
    SUPPLIERS,
    UNIT_ASSESSMENTS,
)

__all__ = ["generate_dataset"]

E = TypeVar("E", bound=Entity)

_CROSS_CLUSTER_SHARE = 0.15
"""Share of a copy's dependencies that point into the previous copy instead of its own."""


def generate_dataset(base: Dataset, *, scale: int, seed: int) -> Dataset:
    """A dataset made of ``scale`` copies of ``base``, varied at random but reproducibly.

    Copy 1 keeps the base ids; copy k > 1 suffixes every id with ``-sK``. Each copy
    has the base's forces, regional units, capabilities (same stages and delivery,
    delivered by the copy's own bodies), dependencies, crime types,
    suppliers, offerings, assessments of forces and units, supplier use and pilots.
    Maturities move by
    at most one level, volumes and benefit results by up to half, and about 15% of
    a copy's dependencies point to the matching capability of the previous copy,
    which links the copies while keeping the dependency graph acyclic when the
    base's is. Sources and metrics are shared. Every generated record is marked
    ``illustrative``. The same ``seed`` always gives the same dataset.

    Raises
    ------
    InvalidArgumentError
        ``scale`` is less than 1.
    """
    if scale < 1:
        raise InvalidArgumentError("scale must be 1 or more", argument="scale")
    rng = random.Random(seed)
    out = Dataset(origin=f"generate --scale {scale} --seed {seed}")
    out.replace(SOURCES, base.records(SOURCES))
    out.replace(METRICS, base.records(METRICS))
    for copy in range(1, scale + 1):
        _add_copy(base, out, copy, rng)
    return out


def _add_copy(base: Dataset, out: Dataset, copy: int, rng: random.Random) -> None:
    def rid(value: str, at: int = copy) -> str:
        return value if at == 1 else f"{value}-s{at}"

    def name(value: str) -> str:
        return value if copy == 1 else f"{value} ({copy})"

    def grow(kind: Kind[E], change: Callable[[E], dict[str, object]]) -> None:
        synthetic = {"illustrative": True}
        out.records(kind).extend(
            record.model_copy(
                update=change(record) | (synthetic if isinstance(record, Record) else {})
            )
            for record in base.records(kind)
        )

    grow(FORCES, lambda f: {"id": rid(f.id), "name": name(f.name)})
    grow(
        REGIONAL_UNITS,
        lambda u: {"id": rid(u.id), "name": name(u.name), "forces": [rid(f) for f in u.forces]},
    )
    grow(
        CAPABILITIES,
        lambda c: {
            "id": rid(c.id),
            "name": name(c.name),
            "delivered_by": rid(c.delivered_by) if c.delivered_by else None,
            "replaced_by": rid(c.replaced_by) if c.replaced_by else None,
        },
    )
    grow(SUPPLIERS, lambda s: {"id": rid(s.id), "name": name(s.name)})
    grow(CRIME_TYPES, lambda c: {"id": rid(c.id), "name": name(c.name)})
    grow(
        CRIME_VOLUMES,
        lambda v: {
            "id": rid(v.id),
            "crime_type": rid(v.crime_type),
            "area": rid(v.area) if v.area else None,
            "value": _vary(v.value, rng),
        },
    )
    reach_back = copy > 1
    grow(
        DEPENDENCIES,
        lambda d: {
            "capability": rid(d.capability),
            "depends_on": rid(d.depends_on, copy - 1)
            if reach_back and rng.random() < _CROSS_CLUSTER_SHARE
            else rid(d.depends_on),
        },
    )
    grow(
        CRIME_NEEDS,
        lambda n: {"crime_type": rid(n.crime_type), "capability": rid(n.capability)},
    )
    grow(OFFERINGS, lambda o: {"supplier": rid(o.supplier), "capability": rid(o.capability)})
    grow(
        FORCE_SUPPLIERS,
        lambda u: {
            "force": rid(u.force),
            "supplier": rid(u.supplier),
            "capability": rid(u.capability),
        },
    )
    grow(
        ASSESSMENTS,
        lambda a: {
            "force": rid(a.force),
            "capability": rid(a.capability),
            "maturity": max(0, min(5, a.maturity + rng.choice((-1, 0, 0, 1)))),
        },
    )
    grow(
        UNIT_ASSESSMENTS,
        lambda a: {
            "unit": rid(a.unit),
            "capability": rid(a.capability),
            "maturity": max(0, min(5, a.maturity + rng.choice((-1, 0, 0, 1)))),
        },
    )
    grow(
        PILOTS,
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


def _vary(volume: int, rng: random.Random) -> int:
    return round(volume * rng.uniform(0.5, 1.5))
