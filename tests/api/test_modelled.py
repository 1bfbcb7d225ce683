"""GraphQL pieces made from the schema model: records built from rows, filters, sort options."""

from __future__ import annotations

from api.modelled import filter_input, filter_values, sort_enum, sort_option
from api.types import Capability, CrimeType, Force
from graph.model import CrimeCategory, Delivery, ForceKind, Market, Stage
from graph.model.kinds import CRIME_TYPES, CRIME_VOLUMES, FORCES, PILOTS


def test_a_record_is_built_from_a_node_with_defaults_and_enums() -> None:
    row = {
        "id": "osint",
        "name": "Open-source intelligence",
        "stage": "INVESTIGATION",
        "description": "Lawful collection from public sources.",
        "delivery": "FORCE",
        "market": "PRODUCT",
        "source": "hmic",
        "illustrative": True,
    }
    capability = Capability.from_row(row)
    assert (capability.stage, capability.delivery) == (Stage.INVESTIGATION, Delivery.FORCE)
    assert capability.market is Market.PRODUCT
    assert (capability.delivered_by_id, capability.retired_on, capability.replaced_by_id) == (
        None,
        None,
        None,
    )
    assert (capability.source_id, capability.illustrative) == ("hmic", True)
    crime = CrimeType.from_row(
        {
            "id": "x",
            "name": "X",
            "category": "CYBER_ENABLED",
            "description": "d",
            "source": "s",
            "illustrative": False,
        }
    )
    assert crime.category is CrimeCategory.CYBER_ENABLED


def test_a_filter_input_gives_the_values_the_reads_take() -> None:
    given = filter_input(FORCES)(kind=ForceKind.NATIONAL, name_contains="police")
    assert filter_values(FORCES, given) == {"kind": "NATIONAL", "nameContains": "police"}
    assert filter_values(FORCES, None) == {}
    pilot_filter = filter_input(PILOTS)(force_id="kent")
    assert filter_values(PILOTS, pilot_filter) == {"forceId": "kent"}


def test_sort_options_come_from_the_model_with_their_missing_values() -> None:
    sorts = sort_enum(CRIME_TYPES)
    assert [member.name for member in sorts] == ["NAME_ASC", "NAME_DESC", "CATEGORY_ASC"]
    volumes = sort_enum(CRIME_VOLUMES)
    year = sort_option(CRIME_VOLUMES, volumes["YEAR_DESC"])
    assert (year.key, year.missing, year.descending) == ("year", "", True)
    assert (
        Force.from_row(
            {
                "id": "kent",
                "name": "Kent Police",
                "kind": "TERRITORIAL",
                "country": "England",
                "region": "South East",
                "source": "s",
                "illustrative": False,
            }
        ).region
        == "South East"
    )
