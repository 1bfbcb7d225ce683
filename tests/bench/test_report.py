"""The benchmark report's arithmetic: growth exponents and ratios, on numbers worked by hand."""

from __future__ import annotations

import pytest

from bench.graphql import ratios, summarise
from bench.report import growth_exponent, headline


def test_growth_exponent_recovers_a_power_law() -> None:
    sizes = [10.0, 100.0, 1000.0]
    # t = 0.002 * n^1.5: 0.0632..., 2, 63.2...: the slope on log-log axes is 1.5.
    assert growth_exponent(sizes, [0.002 * n**1.5 for n in sizes]) == pytest.approx(1.5)
    assert growth_exponent(sizes, [3.0, 3.0, 3.0]) == pytest.approx(0.0)
    assert growth_exponent([10.0], [1.0]) is None


def test_ratios_compare_medians_of_each_side() -> None:
    def run(side: str, rps: float, p99: float) -> dict[str, object]:
        return {
            "dataset": "seed",
            "shape": "s",
            "clients": 1,
            "side": side,
            "repeat": 0,
            "p50_ms": p99 / 2,
            "p99_ms": p99,
            "rps": rps,
            "graphql_errors": 0,
            "socket_errors": 0,
        }

    # Ours: 100, 300, 200 req/s (median 200); peer: 50, 100, 150 (median 100). p99 medians 10, 20.
    rows = [run("ours", r, 10) for r in (100, 300, 200)] + [
        run("peer", r, p) for r, p in ((50, 20), (100, 20), (150, 30))
    ]
    [ratio] = ratios(summarise(rows), ours="ours", peer="peer")
    assert ratio["rps_ratio"] == pytest.approx(2.0)
    assert ratio["p99_ratio"] == pytest.approx(0.5)


def test_the_headline_leads_with_every_request_executed() -> None:
    def ratio(rps: float) -> dict[str, object]:
        return {"dataset": "seed", "shape": "s", "clients": 1, "rps_ratio": rps, "p99_ratio": 1.0}

    lines = headline({"graphql": {"ratios": [ratio(9.0)], "uncached_ratios": [ratio(1.5)]}})
    assert "response cache off" in lines[0]
    assert "1.50x to 1.50x" in lines[0]
    assert "with the response cache" in lines[1]
    assert "9.00x" in lines[1]
