"""Public contracts: OCDS release packages from Contracts Finder and Find a Tender.

Releases of one contracting process (one ``ocid``) are merged into its compiled
release with ``ocdsmerge``, so that later notices (award updates, amendments) win
and a release published twice counts once. A compiled release becomes contracts
when its buyer is a policing body (``seeds/mappings/buyers.csv``), a rule of
``seeds/mappings/contract_capabilities.csv`` finds a capability it serves, and it
has an award to a supplier.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import ocdsmerge
from ocdsmerge.exceptions import OCDSMergeError, OCDSMergeWarning
from pydantic import ValidationError
from slugify import slugify

from graph.dataset import Dataset
from graph.exceptions import ImportFileError
from graph.importing.files import ImportedFile, Publication
from graph.importing.json_files import read_json
from graph.importing.mappings import Mappings
from graph.importing.plan import ImportPlan
from graph.importing.tables import RowProgress, normal
from graph.model import Source, Supplier
from graph.model.kinds import CONTRACTS, REGIONAL_UNITS, SOURCES, SUPPLIERS, UNIT_CONTRACTS

__all__ = ["plan_contracts", "publication_of"]

_POLICING_WORDS = ("police", "constabulary", "policing", "crime commissioner", "crime agency")
_CLOSED_AWARDS = {"cancelled", "unsuccessful"}


@dataclass(frozen=True)
class _Release:
    """One release read from a package, with the file it came from and its place there."""

    data: dict[str, Any]
    file: ImportedFile
    where: str


def publication_of(package: dict[str, Any]) -> Publication:
    """Who published a release package, from its own metadata where it gives it."""
    publisher = package.get("publisher")
    name = publisher.get("name") if isinstance(publisher, dict) else None
    uri, licence = package.get("uri"), package.get("license")
    return Publication(
        key="ocds",
        title="Contracts Finder and Find a Tender notices (OCDS release package)",
        publisher=name if isinstance(name, str) and name.strip() else "Cabinet Office",
        url=uri
        if isinstance(uri, str) and uri.startswith(("http://", "https://"))
        else "https://www.contractsfinder.service.gov.uk/",
        licence=licence if isinstance(licence, str) and licence else "Open Government Licence v3.0",
    )


def plan_contracts(
    files: list[ImportedFile],
    current: Dataset,
    mappings: Mappings,
    progress: RowProgress | None = None,
) -> ImportPlan:
    """The suppliers and contracts the OCDS release packages in ``files`` give.

    ``progress`` hears how many contracting processes have been read.

    Raises
    ------
    ImportFileError
        A file is not a release package, or a release lacks ``ocid``, ``id`` or
        ``date`` (named with its place in the file).
    """
    plan = ImportPlan("contracts", files)
    by_ocid: dict[str, list[_Release]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    sources: dict[str, Source] = {}
    for file in files:
        package = read_json(file)
        if not isinstance(package, dict) or not isinstance(package.get("releases"), list):
            raise ImportFileError(
                f"{file.path.name}: expected an OCDS release package "
                "(an object with a 'releases' list)"
            )
        sources[file.sha256] = file.source(
            publication_of(package), dated=_day(package.get("publishedDate"))
        )
        for index, release in enumerate(package["releases"]):
            where = f"{file.path.name}, releases[{index}]"
            _check_release(release, where)
            plan.rows_read += 1
            if (release["ocid"], release["id"]) in seen:
                plan.skipped["release published twice (same ocid and release id)"] += 1
                continue
            seen.add((release["ocid"], release["id"]))
            by_ocid[release["ocid"]].append(_Release(release, file, where))
    units = {unit.id for unit in current.records(REGIONAL_UNITS)}
    suppliers = _Suppliers(current)
    merger = ocdsmerge.Merger(merge_rules={})
    for done, (ocid, releases) in enumerate(sorted(by_ocid.items()), start=1):
        if progress and done % 1000 == 0:
            progress(done, len(by_ocid))
        latest = max(releases, key=lambda r: str(r.data["date"]))
        compiled = _compile(merger, releases)
        source = sources[latest.file.sha256]
        try:
            found = _contracts(ocid, compiled, source, units, mappings, plan)
            records = [
                (kind, kind.record(supplier=suppliers.id_of(party), **fields), party)
                for kind, fields, party in found
            ]
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            field = ".".join(str(part) for part in error["loc"])
            plan.skipped[f"award with an unusable {field or 'field'} ({error['msg']})"] += 1
            continue
        for kind, record, party in records:
            plan.add(SUPPLIERS, suppliers.record(party, source), latest.where)
            plan.add(kind, record, latest.where)
            plan.add(SOURCES, source, str(latest.file.path))
    return plan


def _check_release(release: Any, where: str) -> None:
    if not isinstance(release, dict):
        raise ImportFileError(f"{where}: expected a release object")
    for key in ("ocid", "id", "date"):
        if not isinstance(release.get(key), str) or not release[key].strip():
            raise ImportFileError(f"{where}: expected {key!r}, the release's {_WHAT[key]}")


_WHAT = {"ocid": "contracting process id", "id": "release id", "date": "publication date"}


def _compile(merger: ocdsmerge.Merger, releases: list[_Release]) -> dict[str, Any]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OCDSMergeWarning)
            compiled: dict[str, Any] = merger.create_compiled_release([r.data for r in releases])
    except OCDSMergeError as exc:
        raise ImportFileError(f"{releases[0].where}: cannot merge its releases ({exc})") from None
    return compiled


def _contracts(
    ocid: str,
    compiled: dict[str, Any],
    source: Source,
    units: set[str],
    mappings: Mappings,
    plan: ImportPlan,
) -> list[tuple[Any, dict[str, Any], dict[str, Any]]]:
    """(kind, the contract's fields with its buyer, the supplier as published) per award.

    Raises
    ------
    pydantic.ValidationError
        A field of an award does not fit the schema model.
    """
    buyer = _buyer_name(compiled)
    mapped = mappings.buyers.get(normal(buyer))
    if mapped is None:
        looks_policing = any(word in normal(buyer) for word in _POLICING_WORDS)
        if looks_policing:
            plan.skipped["buyer looks like a policing body but is not in buyers.csv"] += 1
            plan.findings.append(f"{ocid}: buyer {buyer!r} is not in buyers.csv")
        else:
            plan.skipped["buyer is not a policing body"] += 1
        return []
    if not mapped.ids:
        plan.skipped[f"buyer {mapped.name}: {mapped.note}"] += 1
        return []
    tender: dict[str, Any] = compiled["tender"] if isinstance(compiled.get("tender"), dict) else {}
    text, cpv = _text_and_cpv(compiled, tender)
    capabilities = sorted(
        {rule.capability for rule in mappings.contract_rules if rule.matches(text, cpv)}
    )
    if not capabilities:
        plan.skipped["no rule of contract_capabilities.csv matches its title, text or CPV"] += 1
        return []
    parties = {p.get("id"): p for p in compiled.get("parties", []) if isinstance(p, dict)}
    awards = [a for a in compiled.get("awards", []) if isinstance(a, dict)]
    live = [a for a in awards if a.get("status") not in _CLOSED_AWARDS and a.get("suppliers")]
    if not live:
        plan.skipped["no award to a supplier (a tender, or an award cancelled)"] += 1
        return []
    found: list[tuple[Any, dict[str, Any], dict[str, Any]]] = []
    for award in live:
        period = _period(compiled, award)
        value: dict[str, Any] = award["value"] if isinstance(award.get("value"), dict) else {}
        amount = value.get("amount")
        fields: dict[str, Any] = {
            "contract": f"{ocid}/{award.get('id', '1')}",
            "title": _first_text(award.get("title"), tender.get("title"), ocid),
            "capabilities": capabilities,
            "value": float(amount) if isinstance(amount, int | float) and amount >= 0 else None,
            "currency": value.get("currency") if amount is not None else None,
            "awarded_on": _day(award.get("date")),
            "starts_on": _day(period.get("startDate")),
            "ends_on": _day(period.get("endDate")),
            "notice_url": _notice(award, tender),
            "source": source.id,
        }
        for reference in award["suppliers"]:
            if not isinstance(reference, dict):
                continue
            party = parties.get(reference.get("id")) or reference
            name = _first_text(reference.get("name"), party.get("name"), "")
            if not name:
                plan.skipped["award supplier without a name"] += 1
                continue
            supplier = {"name": name, "identifiers": _identifiers(party)}
            for body in mapped.ids:
                if body in units:
                    found.append((UNIT_CONTRACTS, {"unit": body, **fields}, supplier))
                else:
                    found.append((CONTRACTS, {"force": body, **fields}, supplier))
    return found


class _Suppliers:
    """Supplier ids for published names: one per identifier, else per name, stable over imports."""

    def __init__(self, current: Dataset) -> None:
        self._ids: dict[str, str] = {}
        for supplier in current.records(SUPPLIERS):
            for identifier in supplier.identifiers:
                self._ids[identifier] = supplier.id
            if not supplier.illustrative:
                self._ids.setdefault(normal(supplier.name), supplier.id)
        self._taken = {supplier.id for supplier in current.records(SUPPLIERS)}
        self._mine: dict[str, Supplier] = {}

    def id_of(self, supplier: dict[str, Any]) -> str:
        """The id of the supplier a published party names."""
        keys = [*supplier["identifiers"], normal(supplier["name"])]
        for key in keys:
            if key in self._ids:
                found = self._ids[key]
                break
        else:
            found = name_slug(supplier["name"])
            if found in self._taken and found not in self._mine:
                found = name_slug(f"{supplier['name']} {keys[0]}")
        for key in keys:
            self._ids.setdefault(key, found)
        return found

    def record(self, supplier: dict[str, Any], source: Source) -> Supplier:
        """The supplier's record, its identifiers gathered over every award read so far."""
        supplier_id = self.id_of(supplier)
        before = self._mine.get(supplier_id)
        identifiers = sorted({*supplier["identifiers"], *(before.identifiers if before else ())})
        record = Supplier(
            id=supplier_id, name=supplier["name"], identifiers=identifiers, source=source.id
        )
        self._mine[supplier_id] = record
        self._taken.add(supplier_id)
        return record


def name_slug(name: str) -> str:
    """An id for a published name (``Cellebrite UK Ltd`` gives ``cellebrite-uk-ltd``)."""
    return slugify(name, max_length=100, word_boundary=True) or "supplier"


def _buyer_name(compiled: dict[str, Any]) -> str:
    buyer = compiled.get("buyer")
    if isinstance(buyer, dict) and isinstance(buyer.get("name"), str):
        return str(buyer["name"])
    for party in compiled.get("parties", []):
        if isinstance(party, dict) and "buyer" in (party.get("roles") or []):
            return str(party.get("name", ""))
    return ""


def _text_and_cpv(compiled: dict[str, Any], tender: dict[str, Any]) -> tuple[str, set[str]]:
    parts = [tender.get("title"), tender.get("description")]
    classifications = [tender.get("classification")]
    for item in tender.get("items", []) or []:
        if isinstance(item, dict):
            parts.append(item.get("description"))
            classifications += [
                item.get("classification"),
                *(item.get("additionalClassifications") or []),
            ]
    for award in compiled.get("awards", []) or []:
        if isinstance(award, dict):
            parts += [award.get("title"), award.get("description")]
    cpv = {
        str(c.get("id", "")).split("-")[0]
        for c in classifications
        if isinstance(c, dict) and str(c.get("scheme", "CPV")).upper() == "CPV"
    }
    return " ".join(p for p in parts if isinstance(p, str)), cpv - {""}


def _period(compiled: dict[str, Any], award: dict[str, Any]) -> dict[str, Any]:
    for contract in compiled.get("contracts", []) or []:
        if isinstance(contract, dict) and contract.get("awardID") == award.get("id"):
            period = contract.get("period")
            if isinstance(period, dict):
                return period
    period = award.get("contractPeriod")
    return period if isinstance(period, dict) else {}


def _notice(award: dict[str, Any], tender: dict[str, Any]) -> str | None:
    for documents, kind in (
        (award.get("documents"), "awardNotice"),
        (tender.get("documents"), None),
    ):
        for document in documents or []:
            url = document.get("url") if isinstance(document, dict) else None
            if (
                isinstance(url, str)
                and url.startswith(("http://", "https://"))
                and (kind is None or document.get("documentType") == kind)
            ):
                return url
    return None


def _identifiers(party: dict[str, Any]) -> list[str]:
    found = []
    for identifier in [party.get("identifier"), *(party.get("additionalIdentifiers") or [])]:
        if isinstance(identifier, dict) and identifier.get("id") and identifier.get("scheme"):
            found.append(f"{identifier['scheme']}-{identifier['id']}".strip())
    return sorted(set(found))


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _first_text(*values: Any) -> str:
    return next((v.strip() for v in values if isinstance(v, str) and v.strip()), "")
