"""Extrapolation against domain/money.md §2-§3 (the worked example) and its refusals."""

from __future__ import annotations

from datetime import date

import pytest

from auditready.extrapolation import (
    Lookback,
    Stratum,
    extrapolate,
    mean_per_unit,
    parse_lookback,
    probe_trigger_probability,
    rate_interval,
    stratified,
    universe_from_claims,
)
from auditready.models import ClaimResult
from auditready.reports.summaries import build_clinicians

# money.md §3: 100 sampled claims, 23 errors, 2025 NF prices as "paid".
WORKED_DEFECTS = [50.13] * 10 + [154.29] * 8 + [104.16] * 3 + [166.91] * 2 + [0.0] * 77


def test_worked_example_mean_per_unit():
    estimate = mean_per_unit(WORKED_DEFECTS, 2000)
    assert sum(WORKED_DEFECTS) == pytest.approx(2381.92, abs=0.005)
    assert estimate.mean == pytest.approx(23.8192, abs=1e-4)
    assert estimate.sd == pytest.approx(49.96, abs=0.005)
    assert estimate.point == pytest.approx(47638.40, abs=0.01)
    assert estimate.se == pytest.approx(9738.99, abs=0.01)
    assert estimate.se_without_fpc == pytest.approx(9991.99, abs=0.01)
    assert estimate.t == pytest.approx(1.2902, abs=1e-4)
    assert estimate.lower_90 == pytest.approx(35073.53, abs=0.01)
    assert estimate.lower_oig == pytest.approx(31467.87, abs=0.01)
    assert estimate.precision == pytest.approx(0.264, abs=0.001)


def test_worked_example_stratified():
    # money.md §3 "Stratified": T̂ $43,281, SE $9,113, df ≈ 97.3, t 1.2903, LB ≈ $31,522.
    estimate = stratified([Stratum(800, 50, 34.71, 56.30), Stratum(1200, 50, 12.93, 40.38)])
    assert estimate.point == pytest.approx(43284.0, abs=1)  # 800·34.71 + 1200·12.93 (money.md rounds)
    assert estimate.se == pytest.approx(9113, abs=1)
    assert estimate.df == pytest.approx(97.3, abs=0.1)
    assert estimate.t == pytest.approx(1.2903, abs=1e-4)
    assert estimate.lower_90 == pytest.approx(31522, abs=5)


def test_stratum_from_values_matches_summary_statistics():
    stratum = Stratum.from_values([0.0, 50.13, 154.29, 0.0], 400)
    assert stratum.sample == 4 and stratum.mean == pytest.approx(51.105)


def test_rate_interval_reproduces_money_md_and_documents_its_sidedness():
    # 23/100 -> 17.6%-29.3%: each end is a one-sided 90% Clopper-Pearson bound.
    low, high = rate_interval(23, 100)
    assert round(low, 3) == 0.176 and round(high, 3) == 0.293
    # The two-sided 90% interval would be wider, so it is not what money.md printed.
    two_sided = rate_interval(23, 100, confidence=0.95)
    assert round(two_sided[0], 3) == 0.163 and round(two_sided[1], 3) == 0.310
    assert rate_interval(0, 30)[0] == 0.0 and rate_interval(30, 30)[1] == 1.0


@pytest.mark.parametrize(("rate", "expected"), [(0.23, 0.001), (0.40, 0.175), (0.50, 0.57), (0.60, 0.90)])
def test_probe_trigger_probability_matches_money_md(rate, expected):
    assert probe_trigger_probability(rate) == pytest.approx(expected, abs=0.005)


class TestRefusals:
    def test_below_thirty_gives_only_the_rate_interval(self):
        out = extrapolate([100.0] * 5 + [0.0] * 24, 5, 2000)
        assert out["extrapolated_point"] is None and out["extrapolated_lower_90"] is None
        assert "n = 30" in out["reason"]
        assert out["rate_interval_90"][0] < 5 / 29 < out["rate_interval_90"][1]

    def test_census_is_not_extrapolated(self):
        out = extrapolate([10.0] * 40, 40, 40)
        assert out["extrapolated_point"] is None and out["reason"].startswith("census")
        assert out["sampled_total"] == 400.0

    def test_no_universe(self):
        assert "no universe" in extrapolate([1.0] * 50, 50, None)["reason"]

    def test_universe_smaller_than_sample(self):
        assert "smaller" in extrapolate([1.0] * 50, 50, 10)["reason"]

    def test_thirty_is_enough(self):
        out = extrapolate(WORKED_DEFECTS, 23, 2000)
        assert out["extrapolated_point"] == 47638.40 and out["extrapolated_lower_90"] == 35073.53
        assert out["method"].startswith("mean-per-unit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12m", Lookback(12, "m")), ("4y", Lookback(4, "y")), (" 90 d ", Lookback(90, "d")),
     ("18 months", Lookback(18, "m")), ("1 year", Lookback(1, "y"))],
)
def test_parse_lookback(text, expected):
    assert parse_lookback(text) == expected


@pytest.mark.parametrize("text", ["", "12", "m12", "0m", "4w", "11y", "-3m", "1.5y"])
def test_parse_lookback_rejects(text):
    with pytest.raises(ValueError):
        parse_lookback(text)


def test_lookback_window_start():
    assert Lookback(12, "m").start(date(2025, 6, 15)) == date(2024, 6, 16)
    assert Lookback(1, "m").start(date(2025, 3, 31)) == date(2025, 3, 1)  # Feb 28 + 1 day
    assert Lookback(4, "y").start(date(2024, 2, 29)) == date(2020, 3, 1)
    assert Lookback(30, "d").start(date(2025, 1, 30)) == date(2025, 1, 1)


def test_universe_from_claims_counts_per_clinician_within_the_window():
    claims = [ClaimResult(f"c{i}", "X", "Whitfield", f"2025-0{m}-10", "90834", 100.0, None, "matched")
              for i, m in enumerate([1, 2, 3, 4, 5, 6])]
    claims.append(ClaimResult("old", "X", "Okafor", "2023-01-01", "90834", 100.0, None, "matched"))
    claims.append(ClaimResult("undated", "X", "Okafor", None, "90834", 100.0, None, "matched"))
    counts, window = universe_from_claims(claims, parse_lookback("3m"))
    assert window == (date(2025, 3, 11), date(2025, 6, 10))
    assert counts == {"Whitfield": 3}


def test_worked_example_end_to_end_per_clinician(worked_example):
    notes, claims = worked_example
    assert round(sum(c.exposure.amount for c in claims), 2) == 2381.92
    (park,) = build_clinicians(notes, claims, {"Lena Park": 2000})
    assert park.clinician == "Lena Park, PhD"
    assert park.exposure["total"] == 2381.92
    assert park.exposure["extrapolated_point"] == pytest.approx(47638.40, abs=0.01)
    assert park.exposure["extrapolated_lower_90"] == pytest.approx(35073.53, abs=0.01)
    x = park.extrapolation
    assert (x["n"], x["universe"], x["errors"]) == (100, 2000, 23)
    assert [round(v, 3) for v in x["rate_interval_90"]] == [0.176, 0.293]


def test_universe_from_the_same_claims_file_is_a_census(worked_example):
    notes, claims = worked_example
    counts, window = universe_from_claims(claims, parse_lookback("12m"))
    (park,) = build_clinicians(notes, claims, counts, window=window)
    assert park.exposure["extrapolated_point"] is None
    assert park.extrapolation["reason"].startswith("census")
