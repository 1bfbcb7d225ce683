"""Synthetic scale-up: deterministic, N times the seed, and still valid data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import Dataset, read_dataset, write_dataset
from graph.dataset.references import dependency_cycles
from graph.dataset.synthetic import generate_dataset
from graph.exceptions import InvalidArgumentError
from graph.model.kinds import ASSESSMENTS, CAPABILITIES, DEPENDENCIES, FORCES


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return read_dataset(PROJECT_ROOT / "seeds")


def test_same_seed_gives_the_same_files(seed: Dataset, tmp_path: Path) -> None:
    write_dataset(generate_dataset(seed, scale=3, seed=11), tmp_path / "a")
    write_dataset(generate_dataset(seed, scale=3, seed=11), tmp_path / "b")
    write_dataset(generate_dataset(seed, scale=3, seed=12), tmp_path / "c")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files
    )
    assert any(
        (tmp_path / "a" / f).read_bytes() != (tmp_path / "c" / f).read_bytes() for f in files
    )


def test_scale_multiplies_every_kind_but_shared_ones(seed: Dataset) -> None:
    scaled = generate_dataset(seed, scale=4, seed=1)
    for kind, count in seed.counts().items():
        expected = count if kind in {"sources", "metrics"} else 4 * count
        assert scaled.counts()[kind] == expected, kind


def test_generated_data_keeps_stage_mix_and_stays_acyclic(seed: Dataset) -> None:
    scaled = generate_dataset(seed, scale=5, seed=2)
    base_mix = Counter(c.stage for c in seed.records(CAPABILITIES))
    assert Counter(c.stage for c in scaled.records(CAPABILITIES)) == {
        s: 5 * n for s, n in base_mix.items()
    }
    assert dependency_cycles(scaled) == []
    copies = {
        d.depends_on.rsplit("-s", 1)[-1]
        for d in scaled.records(DEPENDENCIES)
        if "-s" in d.capability
    }
    assert len(copies) > 1, "later copies must also depend on earlier ones"
    assert all(r.illustrative for r in scaled.records(ASSESSMENTS) + scaled.records(FORCES))


def test_generated_folder_passes_validation(seed: Dataset, tmp_path: Path) -> None:
    write_dataset(generate_dataset(seed, scale=2, seed=5), tmp_path / "g")
    again = read_dataset(tmp_path / "g")
    assert again.counts()["forces"] == 2 * len(seed.records(FORCES))


def test_scale_below_one_is_refused(seed: Dataset) -> None:
    with pytest.raises(InvalidArgumentError, match="scale must be 1 or more"):
        generate_dataset(seed, scale=0, seed=1)
