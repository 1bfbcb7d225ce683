"""GraphQL pieces made from the schema model: records built from rows, filters, sort options."""

from __future__ import annotations

from api.modelled import filter_input, filter_values, sort_enum, sort_option
from api.types import CrimeType, Force
from graph.model import CrimeCategory, ForceKind
from graph.model.kinds import CRIME_TYPES, FORCES, PILOTS


def test_a_record_is_built_from_a_node_with_defaults_and_enums() -> None:
    row = {
        "id": "phishing",
        "name": "Phishing",
        "category": "CYBER_ENABLED",
        "description": "Fraudulent messages.",
        "source": "ons",
        "illustrative": True,
    }
    crime = CrimeType.from_row(row)
    assert crime.category is CrimeCategory.CYBER_ENABLED
    assert (crime.annual_volume, crime.volume_source_id) == (None, None)
    assert crime.volume_illustrative is False  # the model's default, not a missing value
    assert (crime.source_id, crime.illustrative) == ("ons", True)


def test_a_filter_input_gives_the_values_the_reads_take() -> None:
    given = filter_input(FORCES)(kind=ForceKind.NATIONAL, name_contains="police")
    assert filter_values(FORCES, given) == {"kind": "NATIONAL", "nameContains": "police"}
    assert filter_values(FORCES, None) == {}
    pilot_filter = filter_input(PILOTS)(force_id="kent")
    assert filter_values(PILOTS, pilot_filter) == {"forceId": "kent"}


def test_sort_options_come_from_the_model_with_their_missing_values() -> None:
    sorts = sort_enum(CRIME_TYPES)
    assert [member.name for member in sorts] == [
        "NAME_ASC",
        "NAME_DESC",
        "CATEGORY_ASC",
        "VOLUME_DESC",
    ]
    volume = sort_option(CRIME_TYPES, sorts["VOLUME_DESC"])
    assert (volume.key, volume.missing, volume.descending) == ("annualVolume", -1, True)
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
        ).rocu
        is None
    )
