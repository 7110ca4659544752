"""How an auditor turns a sample into a demand, so a practice sees the number before a payer does.

Formulas: domain/money.md §2 (PIM ch. 8, RAT-STATS unrestricted variable appraisal):

    d̄ = Σd_i/n;  s² = Σ(d_i − d̄)²/(n − 1);  T̂ = N·d̄
    SE(T̂) = N·sqrt((1 − n/N)·s²/n)                 (with the finite population correction)
    LB = T̂ − t(0.90, n − 1)·SE(T̂)                   (Medicare's demand: one-sided 90% lower limit)

auditready refuses extrapolated dollars below n = 30 or without a defined universe and shows the
error-rate interval instead (money.md §2 and §8.12). The rate interval is exact (Clopper–Pearson):
its low end is the one-sided 90% lower bound and its high end the one-sided 90% upper bound, which
together are the two-sided 80% interval; that convention reproduces money.md's 23/100 ->
17.6%–29.3% (the two-sided 90% interval would be 16.3%–31.0%).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date

from scipy import stats

from auditready.models import ClaimResult

CONFIDENCE = 0.90
OIG_CONFIDENCE = 0.95  # OIG "at least" = two-sided 90% lower limit [UNVERIFIED] (money.md §1)
MIN_SAMPLE_FOR_DOLLARS = 30  # money.md §2: "no extrapolated dollars below n = 30"
PROBE_SIZE = 30  # a TPE/UPIC probe (money.md §1: 20–40 claims; Mareck 30)
PROBE_TRIGGER_RATE = 0.5  # "high level of payment error" reportedly >= 50% [UNVERIFIED]
MAX_LOOKBACK_MONTHS = 120

CONFIDENCE_CONVENTION = (
    "Medicare demand = lower limit of a one-sided 90% confidence interval, mean-per-unit "
    "estimator with finite population correction and t(0.90, n-1) (domain/money.md §2); error "
    "rates with exact Clopper–Pearson one-sided 90% bounds"
)


@dataclass(frozen=True, slots=True)
class MeanPerUnit:
    """A simple-random-sample, mean-per-unit estimate of total overpayment."""

    n: int
    universe: int
    mean: float
    sd: float
    point: float
    se: float
    se_without_fpc: float
    t: float
    lower_90: float
    lower_oig: float
    precision: float | None  # t·SE / T̂; None when T̂ is 0


def mean_per_unit(overpayments: Sequence[float], universe: int, confidence: float = CONFIDENCE) -> MeanPerUnit:
    """Point estimate N·d̄ and its one-sided lower limit (money.md §2)."""
    n = len(overpayments)
    if n < 2:
        raise ValueError("a mean-per-unit estimate needs at least two sampled units")
    if universe < n:
        raise ValueError(f"universe {universe} is smaller than the sample {n}")
    mean = math.fsum(overpayments) / n
    variance = math.fsum((d - mean) ** 2 for d in overpayments) / (n - 1)
    point = universe * mean
    se = universe * math.sqrt((1 - n / universe) * variance / n)
    se_without_fpc = universe * math.sqrt(variance / n)
    t = float(stats.t.ppf(confidence, n - 1))
    t_oig = float(stats.t.ppf(OIG_CONFIDENCE, n - 1))
    return MeanPerUnit(
        n=n,
        universe=universe,
        mean=mean,
        sd=math.sqrt(variance),
        point=point,
        se=se,
        se_without_fpc=se_without_fpc,
        t=t,
        lower_90=point - t * se,
        lower_oig=point - t_oig * se,
        precision=(t * se / point) if point else None,
    )


@dataclass(frozen=True, slots=True)
class Stratum:
    universe: int
    sample: int
    mean: float
    sd: float

    @classmethod
    def from_values(cls, overpayments: Sequence[float], universe: int) -> Stratum:
        n = len(overpayments)
        if n < 2:
            raise ValueError("a stratum needs at least two sampled units")
        mean = math.fsum(overpayments) / n
        sd = math.sqrt(math.fsum((d - mean) ** 2 for d in overpayments) / (n - 1))
        return cls(universe, n, mean, sd)


@dataclass(frozen=True, slots=True)
class StratifiedEstimate:
    point: float
    se: float
    df: float
    t: float
    lower_90: float


def stratified(strata: Sequence[Stratum], confidence: float = CONFIDENCE) -> StratifiedEstimate:
    """T̂_st = Σ N_h·d̄_h with Satterthwaite degrees of freedom (money.md §2, "Stratified")."""
    if not strata:
        raise ValueError("no strata")
    parts = []
    for stratum in strata:
        if stratum.sample < 2 or stratum.universe < stratum.sample:
            raise ValueError("each stratum needs 2 <= n_h <= N_h")
        fpc = 1 - stratum.sample / stratum.universe
        parts.append(stratum.universe**2 * fpc * stratum.sd**2 / stratum.sample)
    point = math.fsum(s.universe * s.mean for s in strata)
    variance = math.fsum(parts)
    denominator = math.fsum(v**2 / (s.sample - 1) for v, s in zip(parts, strata, strict=True))
    df = variance**2 / denominator if denominator else float(sum(s.sample for s in strata) - len(strata))
    t = float(stats.t.ppf(confidence, df))
    se = math.sqrt(variance)
    return StratifiedEstimate(point=point, se=se, df=df, t=t, lower_90=point - t * se)


def rate_interval(errors: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Exact (Clopper–Pearson) one-sided `confidence` lower and upper bounds of an error rate."""
    if n <= 0 or not 0 <= errors <= n:
        raise ValueError("need 0 <= errors <= n and n > 0")
    alpha = 1 - confidence
    low = 0.0 if errors == 0 else float(stats.beta.ppf(alpha, errors, n - errors + 1))
    high = 1.0 if errors == n else float(stats.beta.ppf(confidence, errors + 1, n - errors))
    return low, high


def probe_trigger_probability(rate: float, probe_size: int = PROBE_SIZE,
                              threshold: float = PROBE_TRIGGER_RATE) -> float:
    """P(a random probe of `probe_size` claims shows at least `threshold` errors), binomial.

    money.md §3: true 23% -> 0.1%; 40% -> 17.5%; 50% -> 57%; 60% -> 90% for a 30-claim probe.
    """
    needed = math.ceil(threshold * probe_size)
    return float(stats.binom.sf(needed - 1, probe_size, min(max(rate, 0.0), 1.0)))


# --------------------------------------------------------------------------------------------
# Lookback windows and universes


@dataclass(frozen=True, slots=True)
class Lookback:
    amount: int
    unit: str  # "d", "m" or "y"

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    def describe(self) -> str:
        words = {"d": "day", "m": "month", "y": "year"}
        return f"{self.amount} {words[self.unit]}{'' if self.amount == 1 else 's'}"

    def start(self, as_of: date) -> date:
        """First day inside the window that ends on `as_of` (inclusive)."""
        if self.unit == "d":
            return date.fromordinal(as_of.toordinal() - self.amount + 1)
        months = self.amount * (12 if self.unit == "y" else 1)
        year, month = divmod(as_of.year * 12 + (as_of.month - 1) - months, 12)
        month += 1
        day = min(as_of.day, _days_in_month(year, month))
        return date.fromordinal(date(year, month, day).toordinal() + 1)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


_LOOKBACK = re.compile(r"^\s*(\d+)\s*(d|days?|m|mo|months?|y|yrs?|years?)\s*$", re.IGNORECASE)


def parse_lookback(text: str) -> Lookback:
    """"12m", "4y", "18 months", "90d" -> Lookback. Raises ValueError with a usable message."""
    match = _LOOKBACK.match(text or "")
    if not match:
        raise ValueError(f"lookback {text!r} is not like 12m, 4y or 90d")
    amount = int(match.group(1))
    unit = match.group(2)[0].lower()
    months = amount * {"d": 1 / 30.4375, "m": 1, "y": 12}[unit]
    if amount <= 0:
        raise ValueError("lookback must be at least one day, month or year")
    if months > MAX_LOOKBACK_MONTHS:
        raise ValueError(f"lookback {text!r} is longer than {MAX_LOOKBACK_MONTHS // 12} years")
    return Lookback(amount, unit)


def _claim_date(claim: ClaimResult) -> date | None:
    try:
        return date.fromisoformat(claim.date_of_service) if claim.date_of_service else None
    except ValueError:
        return None


def universe_from_claims(claims: Iterable[ClaimResult], lookback: Lookback,
                         as_of: date | None = None) -> tuple[dict[str, int], tuple[date, date] | None]:
    """Claims per clinician whose date of service lies in the lookback window.

    The window ends at `as_of`, by default the latest date of service in the claims file, so the
    same files give the same universe on any day (money.md §8.11 reproducibility).
    """
    dated = [(claim, _claim_date(claim)) for claim in claims]
    dates = [d for _, d in dated if d is not None]
    if not dates:
        return {}, None
    end = as_of or max(dates)
    start = lookback.start(end)
    counts: dict[str, int] = {}
    for claim, day in dated:
        if day is not None and start <= day <= end:
            counts[claim.clinician] = counts.get(claim.clinician, 0) + 1
    return counts, (start, end)


def extrapolate(overpayments: Sequence[float], errors: int, universe: int | None) -> dict:
    """Everything the reports say about projecting a reviewed set onto its universe.

    `overpayments` are the reviewed units' dollars (0 for a clean unit); `errors` counts units
    with a payment-relevant defect. Returns point/lower (None when refused) and the reason.
    """
    n = len(overpayments)
    total = round(math.fsum(overpayments), 2)
    out: dict = {
        "n": n,
        "universe": universe,
        "sampled_total": total,
        "errors": errors,
        "error_rate": (errors / n) if n else None,
        "rate_interval_90": list(rate_interval(errors, n)) if n else None,
        "probe_trigger_probability": probe_trigger_probability(errors / n) if n else None,
        "extrapolated_point": None,
        "extrapolated_lower_90": None,
        "method": None,
        "reason": "",
    }
    if n == 0:
        out["reason"] = "no reviewed billable notes"
    elif universe is None:
        out["reason"] = ("no universe defined: pass --universe, or --claims with --lookback; "
                         "the totals are for the reviewed notes only")
    elif universe < n:
        out["reason"] = f"universe {universe} is smaller than the {n} reviewed units; check --universe"
    elif universe == n:
        out["reason"] = f"census: all {n} units were reviewed, so the total is exact and nothing is extrapolated"
    elif n < MIN_SAMPLE_FOR_DOLLARS:
        out["reason"] = (f"only {n} reviewed units: no extrapolated dollars below n = "
                         f"{MIN_SAMPLE_FOR_DOLLARS} (money.md §2); see the error-rate interval")
    else:
        estimate = mean_per_unit(list(overpayments), universe)
        out.update(
            {
                "method": "mean-per-unit, simple random sample, finite population correction",
                "extrapolated_point": round(estimate.point, 2),
                "extrapolated_lower_90": round(max(estimate.lower_90, 0.0), 2),
                "estimate": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(estimate).items()},
                "reason": ("assumes the reviewed notes are a simple random sample of the universe; "
                           "if they are not, the projection overstates or understates"),
            }
        )
        if estimate.sd == 0:
            out["reason"] += "; every reviewed unit has the same amount, so the bound equals the point estimate"
    return out
