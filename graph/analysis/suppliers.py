"""Supplier concentration: capabilities few suppliers offer, and forces tied to one supplier."""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.interdependencies import chains
from graph.analysis.views import KnowledgeView

__all__ = ["Concentration", "SingleSupplierChain", "concentration"]


@dataclass(frozen=True)
class SingleSupplierChain:
    """A force that buys every supplied capability of a crime type's chain from one supplier."""

    force: str
    crime_type: str
    supplier: str
    capabilities: tuple[str, ...]


@dataclass(frozen=True)
class Concentration:
    """Capabilities with no supplier or one, and chains a force buys from a single supplier."""

    unsupplied: list[str]
    single_supplier: list[tuple[str, str]]
    single_supplier_chains: list[SingleSupplierChain]


def concentration(kv: KnowledgeView, *, min_links: int = 2) -> Concentration:
    """Where supply is concentrated.

    ``unsupplied``: capabilities no supplier offers; ``single_supplier``: (capability,
    supplier) where exactly one offers it; ``single_supplier_chains``: for each force
    and crime type, when the force uses suppliers for at least ``min_links``
    capabilities of the chain and all of them come from one supplier.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.
    min_links : how many supplied capabilities of a chain make it count as tied.

    Returns
    -------
    Concentration
    """
    unsupplied = sorted(c for c in kv.capabilities if not kv.offers.get(c))
    single = sorted(
        (c, next(iter(s))) for c, s in kv.offers.items() if len(s) == 1 and c in kv.capabilities
    )
    tied: list[SingleSupplierChain] = []
    bought: dict[str, set[str]] = {}
    for force, capability in kv.uses:
        bought.setdefault(force, set()).add(capability)
    by_crime = {chain.crime_type: chain for chain in chains(kv)}
    for force in sorted(bought):
        for crime_type in sorted(kv.crime_types_of(bought[force])):
            chain = by_crime[crime_type]
            supplied = {
                c: kv.uses[(force, c)] for c in chain.capabilities if kv.uses.get((force, c))
            }
            used = set().union(*supplied.values()) if supplied else set()
            if len(supplied) >= min_links and len(used) == 1:
                tied.append(
                    SingleSupplierChain(
                        force, chain.crime_type, next(iter(used)), tuple(sorted(supplied))
                    )
                )
    return Concentration(unsupplied=unsupplied, single_supplier=single, single_supplier_chains=tied)
