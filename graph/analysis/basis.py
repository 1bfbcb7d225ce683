"""What an analysis rests on: how many input records, how many illustrative, which sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph.analysis.views import BEST_MEASURE, KnowledgeView

__all__ = ["Basis", "KindBasis", "basis", "volume_wording"]


@dataclass(frozen=True)
class KindBasis:
    """The records of one kind an analysis read: how many, how many illustrative, their sources."""

    kind: str
    records: int
    illustrative: int
    sources: tuple[str, ...]

    def describe(self) -> str:
        """``"1,714 of 1,714 assessments are illustrative"``, or ``"... none illustrative"``."""
        noun = self.kind.replace("_", " ")
        if self.illustrative == 0:
            return f"{self.records:,} {noun}, none illustrative"
        return f"{self.illustrative:,} of {self.records:,} {noun} are illustrative"


@dataclass(frozen=True)
class Basis:
    """The input records behind a result, kind by kind.

    ``records`` and ``illustrative`` add the kinds up; ``sources`` are every source
    cited by those records, sorted. ``excluded`` counts the illustrative records left
    out when an analysis ran on real records only.
    """

    kinds: tuple[KindBasis, ...]
    excluded: int = 0
    volumes: str | None = None
    """How crime was weighted (:func:`volume_wording`), when volumes are part of the basis."""

    @property
    def records(self) -> int:
        """How many input records, of every kind."""
        return sum(k.records for k in self.kinds)

    @property
    def illustrative(self) -> int:
        """How many of them are illustrative."""
        return sum(k.illustrative for k in self.kinds)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source the records cite."""
        return tuple(sorted({s for k in self.kinds for s in k.sources}))

    def describe(self) -> str:
        """One line for a banner: each kind's share of illustrative records."""
        parts = [k.describe() for k in self.kinds if k.records]
        if self.excluded:
            parts.append(f"{self.excluded:,} illustrative records left out")
        if self.volumes:
            parts.append(self.volumes)
        return "; ".join(parts) + "." if parts else "no input records."


def basis(kv: KnowledgeView, *kinds: str, per_force: bool = False) -> Basis:
    """The basis of a result computed from ``kinds`` of ``kv``'s records.

    Kinds are the record kinds' names (``assessments``, ``dependencies``,
    ``crime_needs``, ``offerings``, ``force_suppliers``, ``pilots``, ``suppliers``):
    assessments count each holding once (its latest observation as of the view's
    day), regional units' holdings included. ``per_force`` says that volumes were read
    force by force, so the basis says how a force without its own figure was credited.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.views import view
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Capability")
    >>> g.add_node("b", label="Capability")
    >>> _ = g.add_edge("a", "b", key="DEPENDS_ON", illustrative=True, source="illustrative")
    >>> basis(view(g), "dependencies").describe()
    '1 of 1 dependencies are illustrative.'
    """
    found = []
    for kind in kinds:
        provenance = kv.provenance.get(kind, [])
        found.append(
            KindBasis(
                kind=kind,
                records=len(provenance),
                illustrative=sum(1 for made_up, _ in provenance if made_up),
                sources=tuple(sorted({source for _, source in provenance if source})),
            )
        )
    volumes = volume_wording(kv, per_force=per_force) if "crime_volumes" in kinds else None
    return Basis(kinds=tuple(found), excluded=kv.excluded, volumes=volumes)


def volume_wording(kv: KnowledgeView, *, per_force: bool = False) -> str:
    """How ``kv`` weights crime, in words: its measure (or each crime type's), and sharing.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.views import view
    >>> volume_wording(view(nx.MultiDiGraph(), measure="POLICE_RECORDED"))
    'crime weighted by police-recorded counts only'
    """
    if kv.measure is not BEST_MEASURE:
        text = f"crime weighted by {_MEASURES.get(kv.measure, kv.measure)} only"
    else:
        used = Counter(kv.measure_of(crime) for crime in kv.volumes)
        local = sum(
            1
            for figures in kv.volumes.values()
            if any(f.area and f.measure == "POLICE_RECORDED" for f in figures)
        )
        parts = []
        for measure, count in sorted(used.items(), key=lambda item: str(item[0])):
            if measure is None:
                continue
            part = f"{_MEASURES.get(measure, measure)} for {count:,} crime type{'s' * (count != 1)}"
            if measure == "POLICE_RECORDED" and local:
                part += f" (forces' own for {local:,})"
            parts.append(part)
        text = "crime weighted by each crime type's best measure: " + (", ".join(parts) or "none")
    if per_force:
        territorial = [f for f, d in kv.forces.items() if d.get("forceKind") == "TERRITORIAL"]
        if territorial and all(f in kv.officers for f in territorial):
            how = "in proportion to its officers"
        else:
            how = "in equal parts (workforce figures are not imported for every force)"
        text += f"; a force without its own figure is credited England and Wales's {how}"
    return text


_MEASURES = {
    "SURVEY_ESTIMATE": "survey estimates",
    "POLICE_RECORDED": "police-recorded counts",
}
