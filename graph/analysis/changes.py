"""How holdings moved between two days: the maturity each holder had then and has now."""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.views import KnowledgeView

__all__ = ["MaturityChange", "maturity_changes"]


@dataclass(frozen=True)
class MaturityChange:
    """One holding whose maturity differs between two views; ``before`` None: new since."""

    holder: str
    capability: str
    before: int | None
    after: int

    @property
    def rose(self) -> bool:
        """Whether maturity went up (a new holding counts as neither risen nor fallen)."""
        return self.before is not None and self.after > self.before

    @property
    def fell(self) -> bool:
        """Whether maturity went down."""
        return self.before is not None and self.after < self.before


def maturity_changes(
    now: KnowledgeView, then: KnowledgeView, *, force: str | None = None
) -> list[MaturityChange]:
    """Every holding (of ``force`` only, when given) whose maturity moved from ``then`` to ``now``.

    Largest change first, new holdings last, then by holder and capability name.
    """
    changed = [
        MaturityChange(body, capability, before[0] if before else None, maturity)
        for (body, capability), (maturity, _) in now.assessments.items()
        if (force is None or body == force)
        and ((before := then.assessments.get((body, capability))) is None or before[0] != maturity)
    ]
    return sorted(
        changed,
        key=lambda c: (
            c.before is None,
            -abs(c.after - (c.before or 0)),
            now.name(c.holder),
            now.name(c.capability),
        ),
    )
