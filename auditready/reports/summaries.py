"""Per-clinician and practice-level summaries: the numbers the reports lead with.

Renderers never compute; everything they show beyond a note's own fields is built here into
`AuditResult.clinicians` and `AuditResult.summary`.

Two numbers per clinician (domain/criteria.md §4): the claim-exposure rate (share of notes with
any fatal or recode failure) and a TRR-style record-review score (met ÷ applicable over the
pack's risk and quality criteria), held against the payers' published pass marks. Dollars follow
domain/money.md §8: the census total, and an extrapolation only when a universe is defined and
the reviewed units are a sample of at least 30.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from auditready import resources
from auditready.crossnote.identity import clinician_key
from auditready.exposure import (
    BILLABLE_NOTE_TYPES,
    CLAIM_DENIED,
    CLAIM_NO_CLAIM,
    RULE_UNPRICED,
    FeeTable,
    fee_table_metadata,
)
from auditready.extrapolation import (
    CONFIDENCE_CONVENTION,
    MIN_SAMPLE_FOR_DOLLARS,
    Lookback,
    extrapolate,
    rate_interval,
    universe_from_claims,
)
from auditready.models import (
    AT_RISK,
    FAIL,
    PASS,
    SEVERITIES,
    SUPPORTED,
    UNSUPPORTED,
    AuditResult,
    ClaimResult,
    ClinicianSummary,
    InputRecord,
    NoteResult,
)

UNKNOWN_CLINICIAN = "(clinician not identified)"
VERDICTS = (UNSUPPORTED, AT_RISK, SUPPORTED)
PAYMENT_SEVERITIES = ("fatal", "recode")  # criteria.md §4: the claim-exposure rate
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
TRAINING_FOCUS_ITEMS = 3

ESTIMATES_NOT_DETERMINATIONS = (
    "These are estimates, not determinations: a payer's reviewer, contract and medical-review "
    "judgment decide what is actually recouped (domain/money.md §8.9)."
)

# domain/money.md §7-§8.8: published error rates to hold a practice's own rate against.
BENCHMARKS = (
    {"label": "Noridian JE TPE, psychotherapy 90834/36/37 (2020–21)", "rate": 0.1931,
     "source": "https://med.noridianmedicare.com/web/jeb/cert-reviews/mr/reviews/psychotherapy-cpt-90834-90836-90837-je-service-specific-targeted-review-final-findings"},
    {"label": "CERT FY2024, psychiatric services", "rate": 0.161,
     "source": "https://medicare.fcso.com/claims-compliance-and-review/cert-insiders-guide-part-b-fourth-quarter-2025"},
    {"label": "SMRC 01-106 psychotherapy follow-up (2023 DOS)", "rate": 0.56,
     "source": "https://noridiansmrc.com/current-projects/01-106/"},
    {"label": "OIG nationwide psychotherapy, in-person (2023 report)", "rate": 0.57,
     "source": "https://oig.hhs.gov./reports/all/2023/medicare-improperly-paid-providers-for-some-psychotherapy-services-including-those-provided-via-telehealth-during-the-first-year-of-the-covid-19-public-health-emergency"},
    {"label": "OIG Mental Health Center of Florida (2025)", "rate": 0.01,
     "source": "https://oig.hhs.gov/reports/all/2025/mental-health-center-of-florida-generally-met-medicare-billing-requirements-for-some-psychotherapy-services"},
)


# --------------------------------------------------------------------------------------------
# Record-review pass marks (scoring_models/record_review_bars.yaml)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Bar(_Strict):
    threshold: float
    payers: str
    status: str
    sources: list[str]


class _Bars(_Strict):
    version: int
    severities: list[str]
    bars: list[_Bar]


@cache
def record_review_bars() -> _Bars:
    path = resources.scoring_models() / "record_review_bars.yaml"
    return _Bars.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def record_review(notes: Iterable[NoteResult]) -> dict[str, Any]:
    """met ÷ applicable over risk and quality findings, with each payer bar met or missed."""
    bars = record_review_bars()
    met = applicable = 0
    for note in notes:
        for finding in note.findings:
            if finding.severity in bars.severities and finding.status in (PASS, FAIL):
                applicable += 1
                met += finding.status == PASS
    score = round(100.0 * met / applicable, 1) if applicable else None
    return {
        "met": met,
        "applicable": applicable,
        "score": score,
        "severities": list(bars.severities),
        "bars": [
            {
                "threshold": bar.threshold,
                "payers": bar.payers,
                "status": bar.status,
                "sources": list(bar.sources),
                "meets": None if score is None else score >= bar.threshold,
            }
            for bar in bars.bars
        ],
    }


# --------------------------------------------------------------------------------------------
# Helpers over notes


def judged(notes: Iterable[NoteResult]) -> list[NoteResult]:
    """Notes the pack scored (a verdict); psychotherapy notes and other documents have none."""
    return [note for note in notes if note.verdict is not None]


def has_payment_failure(note: NoteResult) -> bool:
    return any(f.status == FAIL and f.severity in PAYMENT_SEVERITIES for f in note.findings)


def exposure_amount(item: NoteResult | ClaimResult) -> float:
    return item.exposure.amount if item.exposure is not None else 0.0


def worst_first_key(note: NoteResult) -> tuple:
    """Unsupported before at-risk before supported, then the most dollars, then lowest score."""
    verdict_rank = VERDICTS.index(note.verdict) if note.verdict in VERDICTS else len(VERDICTS)
    score = note.score if note.score is not None else 101.0
    return (verdict_rank, -exposure_amount(note), score, note.source.path, note.source.page or 0,
            note.source.row or 0, note.id)


def source_order_key(note: NoteResult) -> tuple:
    return (note.source.path, note.source.page or 0, note.source.row or 0, note.id)


def verdict_counts(notes: Iterable[NoteResult]) -> dict[str, int]:
    counts = Counter(note.verdict for note in notes if note.verdict is not None)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICTS}


def _example_text(note: NoteResult, criterion: str) -> tuple[str, str, str, str]:
    """(message, evidence text, searched text, fix) of `criterion`'s failure on `note`."""
    for finding in note.findings:
        if finding.criterion == criterion and finding.status == FAIL:
            evidence = " … ".join(span.text for span in finding.evidence[:2])
            return finding.message, evidence, finding.searched, finding.fix
    return "", "", "", ""


def deficiencies(notes: list[NoteResult]) -> list[dict[str, Any]]:
    """Every failing criterion, most dollars first, then gravest, then most frequent.

    `exposure` is the dollars on notes failing the criterion; a note failing two criteria
    counts toward both, so these do not add up to the total.
    """
    failing: dict[str, list[NoteResult]] = {}
    applicable: Counter[str] = Counter()
    severity_of: dict[str, Counter[str]] = {}
    for note in notes:
        for finding in note.findings:
            if finding.status in (PASS, FAIL):
                applicable[finding.criterion] += 1
            if finding.status == FAIL:
                bucket = failing.setdefault(finding.criterion, [])
                if not bucket or bucket[-1] is not note:
                    bucket.append(note)
                severity_of.setdefault(finding.criterion, Counter())[finding.severity] += 1
    rows = []
    for criterion, failed_notes in failing.items():
        severity = min(severity_of[criterion], key=lambda s: SEVERITY_RANK.get(s, len(SEVERITIES)))
        example = min(failed_notes, key=worst_first_key)
        message, evidence, searched, fix = _example_text(example, criterion)
        fixes = Counter(f.fix for n in failed_notes for f in n.findings
                        if f.criterion == criterion and f.status == FAIL and f.fix)
        rows.append(
            {
                "criterion": criterion,
                "severity": severity,
                "count": len(failed_notes),
                "applicable": applicable[criterion],
                "share": round(len(failed_notes) / applicable[criterion], 4) if applicable[criterion] else None,
                "exposure": round(math.fsum(exposure_amount(n) for n in failed_notes), 2),
                "example_note": example.id,
                "example_message": message,
                "example_evidence": evidence,
                "example_searched": searched,
                "fix": fixes.most_common(1)[0][0] if fixes else fix,
            }
        )
    rows.sort(key=lambda r: (-r["exposure"], SEVERITY_RANK.get(r["severity"], len(SEVERITIES)),
                             -r["count"], r["criterion"]))
    return rows


def training_focus(rows: list[dict[str, Any]]) -> list[str]:
    """The fixes of the top deficiencies, one line each, without repeats."""
    focus: list[str] = []
    for row in rows:
        if row["fix"]:
            line = f"{row['criterion'].replace('_', ' ').capitalize()}: {row['fix']}"
            if line not in focus:
                focus.append(line)
        if len(focus) == TRAINING_FOCUS_ITEMS:
            break
    return focus


# --------------------------------------------------------------------------------------------
# Clinicians


@dataclass
class _Group:
    key: str
    note_names: Counter
    claim_names: Counter
    notes: list[NoteResult]
    claims: list[ClaimResult]

    @property
    def display(self) -> str:
        """The spelling the notes use most (the claims' if no note names the clinician)."""
        for names in (self.note_names, self.claim_names):
            if names:
                return names.most_common(1)[0][0]
        return UNKNOWN_CLINICIAN


def _group_by_clinician(notes: list[NoteResult], claims: list[ClaimResult]) -> list[_Group]:
    """Notes and claims per clinician, matching "Whitfield, Dana" to "Dana Whitfield, LCSW"."""
    groups: dict[str, _Group] = {}

    def group(name: str | None) -> _Group:
        key = clinician_key(name) or UNKNOWN_CLINICIAN
        found = groups.get(key)
        if found is None:
            found = groups[key] = _Group(key, Counter(), Counter(), [], [])
        return found

    for note in notes:
        g = group(note.clinician)
        g.notes.append(note)
        if note.clinician and note.clinician.strip():
            g.note_names[note.clinician.strip()] += 1
    for claim in claims:
        g = group(claim.clinician)
        g.claims.append(claim)
        if claim.clinician and claim.clinician.strip():
            g.claim_names[claim.clinician.strip()] += 1
    return list(groups.values())


def _sample(group_notes: list[NoteResult], group_claims: list[ClaimResult], claims_mode: bool,
            window: tuple[date, date] | None) -> tuple[list[float], int, str]:
    """The reviewed units of one clinician, their dollars, and how many carry a defect.

    With claims the unit is a claim (in the lookback window): every claim in the file was
    reviewed, and one without a note is an error, as a sampled claim whose record is not
    produced is (money.md §3, §6). Without claims it is a judged billable note.
    """
    if claims_mode:
        reviewed = [c for c in billed_lines(group_claims) if _in_window(c, window)]
        amounts = [exposure_amount(c) for c in reviewed]
        return amounts, sum(1 for a in amounts if a > 0), "claims"
    reviewed_notes = [n for n in judged(group_notes) if n.note_type in BILLABLE_NOTE_TYPES]
    amounts = [exposure_amount(n) for n in reviewed_notes]
    return amounts, sum(1 for n in reviewed_notes if has_payment_failure(n)), "judged notes"


def billed_lines(claims: Iterable[ClaimResult]) -> list[ClaimResult]:
    """Claim lines proper: claim matching also lists unbilled notes as `no_claim` rows."""
    return [claim for claim in claims if claim.status != CLAIM_NO_CLAIM]


def _in_window(claim: ClaimResult, window: tuple[date, date] | None) -> bool:
    if window is None:
        return True
    try:
        day = date.fromisoformat(claim.date_of_service) if claim.date_of_service else None
    except ValueError:
        day = None
    return day is not None and window[0] <= day <= window[1]


def _resolve_universe(universe: Mapping[str, int] | int | None, group: _Group, groups: int) -> tuple[int | None, str]:
    if universe is None:
        return None, ""
    if isinstance(universe, int):
        if groups == 1:
            return universe, "--universe"
        return None, ("--universe gives the practice's total, not this clinician's; the practice "
                      "projection is in the overview")
    for name, count in universe.items():
        if (clinician_key(name) or UNKNOWN_CLINICIAN) == group.key:
            return count, "universe per clinician"
    return None, "no universe given for this clinician"


def build_clinicians(
    notes: list[NoteResult],
    claims: list[ClaimResult] | None,
    universe: Mapping[str, int] | int | None,
    *,
    window: tuple[date, date] | None = None,
    universe_source: str = "",
) -> list[ClinicianSummary]:
    """One summary per clinician, the most exposure first.

    `claims` is None without a claims file. `universe` is N per clinician (a mapping from
    clinician name, e.g. from `universe_from_claims`), the practice's N (an int, used per
    clinician only when there is one), or None. `window` limits the reviewed claims to the
    lookback window the universe was counted in.
    """
    claims_mode = claims is not None
    groups = _group_by_clinician(notes, claims or [])
    summaries = []
    for group in groups:
        scored = judged(group.notes)
        rows = deficiencies(scored)
        amounts, errors, unit = _sample(group.notes, group.claims, claims_mode, window)
        n_universe, source = _resolve_universe(universe, group, len(groups))
        projection = extrapolate(amounts, errors, n_universe)
        projection["unit"] = unit
        failing_notes = sum(map(has_payment_failure, scored))
        projection["claim_exposure_interval_90"] = list(rate_interval(failing_notes, len(scored))) if scored else None
        projection["universe_source"] = universe_source or source
        if universe is not None and n_universe is None and source:
            projection["reason"] = source
        review = record_review(scored)
        summaries.append(
            ClinicianSummary(
                clinician=group.display,
                notes=len(scored),
                score=review["score"],
                verdicts=verdict_counts(scored),
                exposure={
                    # The reviewed units are what a payer can reach: claims in the lookback
                    # window, or every billable note without claims.
                    "total": round(math.fsum(amounts), 2),
                    "extrapolated_point": projection["extrapolated_point"],
                    "extrapolated_lower_90": projection["extrapolated_lower_90"],
                },
                top_deficiencies=rows,
                claim_exposure_rate=round(failing_notes / len(scored), 4) if scored else None,
                record_review=review,
                extrapolation=projection,
                training_focus=training_focus(rows),
            )
        )
    summaries.sort(key=lambda s: (-(s.exposure["total"] or 0.0), s.clinician))
    return summaries


# --------------------------------------------------------------------------------------------
# Practice


def compliance_by_criterion(notes: list[NoteResult]) -> list[dict[str, Any]]:
    """pass ÷ (pass + fail) per criterion over judged notes, least compliant first."""
    tallies: dict[str, Counter[str]] = {}
    severities: dict[str, Counter[str]] = {}
    for note in notes:
        for finding in note.findings:
            tallies.setdefault(finding.criterion, Counter())[finding.status] += 1
            severities.setdefault(finding.criterion, Counter())[finding.severity] += 1
    rows = []
    for criterion, tally in tallies.items():
        applicable = tally[PASS] + tally[FAIL]
        rows.append(
            {
                "criterion": criterion,
                "severity": severities[criterion].most_common(1)[0][0],
                "pass": tally[PASS],
                "fail": tally[FAIL],
                "not_applicable": tally["not_applicable"],
                "compliance": round(100.0 * tally[PASS] / applicable, 1) if applicable else None,
            }
        )
    rows.sort(key=lambda r: (r["compliance"] is None, r["compliance"] if r["compliance"] is not None else 0,
                             r["criterion"]))
    return rows


def _inputs_summary(inputs: list[InputRecord]) -> dict[str, Any]:
    counts = Counter(record.status for record in inputs)
    return {
        "files": len(inputs),
        "by_status": {status: counts.get(status, 0) for status in ("parsed", "skipped", "error")},
        "notes_found": sum(record.notes for record in inputs),
        "problems": [
            {"path": r.path, "format": r.format, "status": r.status, "reason": r.reason}
            for r in sorted(inputs, key=lambda r: (r.status, r.path))
            if r.status != "parsed"
        ],
    }


def _exposure_by_rule(items: Iterable[NoteResult | ClaimResult]) -> list[dict[str, Any]]:
    totals: dict[str, list[float]] = {}
    for item in items:
        if item.exposure is not None:
            totals.setdefault(item.exposure.rule or "unspecified", []).append(item.exposure.amount)
    rows = [{"rule": rule, "count": len(values), "amount": round(math.fsum(values), 2)}
            for rule, values in totals.items()]
    rows.sort(key=lambda r: (-r["amount"], r["rule"]))
    return rows


def assumptions(fees: FeeTable | None, claims_mode: bool, universe_text: str, lookback: Lookback | None,
                window: tuple[date, date] | None, unpriced: int) -> list[str]:
    """What every number rests on (money.md §8.9, §8.11)."""
    meta = fee_table_metadata()
    lines = []
    if claims_mode:
        lines.append("Dollars per claim are the claims file's paid amount (billed amount where none "
                     "was paid, the fee table where neither is given); downcodes apply the fee "
                     "table's ratio of the two codes to the paid amount.")
    else:
        lines.append("No claims file: each billable note stands for one claim of its documented code, "
                     "priced from the fee table.")
    source = fees.source if fees is not None else meta["label"]
    lines.append(f"Fee table: {source}" + (f" (codes it lacks: {meta['label']})" if fees is not None and fees.fallback else "")
                 + f"; Medicare {meta['year']} conversion factor ${meta['conversion_factor']}, "
                 f"non-facility, GPCI 1.0; {meta['reduced_rate_label']} ({meta['source_url']}).")
    if lookback is not None:
        span = f" ({window[0].isoformat()} to {window[1].isoformat()})" if window else ""
        lines.append(f"Lookback: {lookback.describe()}{span}, ending at the latest date of service in the "
                     "claims file; totals count the claims inside it.")
    else:
        lines.append("Lookback: none given; every claim and note in the inputs is counted "
                     "(Medicare reopens up to 4 years for good cause, 42 CFR 405.980; commercial "
                     "limits vary by state, money.md §4).")
    lines.append(f"Universe for extrapolation: {universe_text}.")
    lines.append(f"Confidence: {CONFIDENCE_CONVENTION}; no extrapolated dollars below "
                 f"n = {MIN_SAMPLE_FOR_DOLLARS} or without a defined universe.")
    lines.append("Record-review score: met ÷ applicable over risk and quality criteria, compared with "
                 "80% (Magellan, PerformCare) and 85% (Humana; reportedly Optum) pass marks (criteria.md §4).")
    if unpriced:
        lines.append(f"{unpriced} item(s) could not be priced (no code or no fee) and count as $0.")
    lines.append(ESTIMATES_NOT_DETERMINATIONS)
    return lines


def build_practice_summary(
    result: AuditResult,
    *,
    fees: FeeTable | None = None,
    claims_mode: bool | None = None,
    universe: Mapping[str, int] | int | None = None,
    universe_text: str = "",
    lookback: Lookback | None = None,
    window: tuple[date, date] | None = None,
    deidentified: bool = False,
) -> dict[str, Any]:
    """The overview: compliance by criterion, verdict mix, totals, drivers, intake, assumptions."""
    if claims_mode is None:
        claims_mode = bool(result.claims)
    scored = judged(result.notes)
    lines = billed_lines(result.claims)
    priced_items: list[NoteResult | ClaimResult] = (
        [c for c in lines if _in_window(c, window)] if claims_mode else list(result.notes))
    unpriced = sum(1 for i in priced_items if i.exposure is not None and i.exposure.rule == RULE_UNPRICED)
    amounts, errors, _ = _sample(result.notes, result.claims, claims_mode, window)
    practice_universe = universe if isinstance(universe, int) else (
        sum(universe.values()) if isinstance(universe, Mapping) and universe else None)
    projection = extrapolate(amounts, errors, practice_universe)
    by_type = Counter(note.note_type for note in result.notes)
    claim_status = Counter(claim.status for claim in result.claims)
    return {
        "notes": {
            "total": len(result.notes),
            "judged": len(scored),
            "by_type": dict(sorted(by_type.items())),
        },
        "verdicts": verdict_counts(scored),
        "claim_exposure_rate": round(sum(map(has_payment_failure, scored)) / len(scored), 4) if scored else None,
        "record_review": record_review(scored),
        "compliance_by_criterion": compliance_by_criterion(scored),
        "exposure": {
            "total": round(math.fsum(exposure_amount(i) for i in priced_items), 2),
            "basis": ("claims" + (" in the lookback window" if window else "")) if claims_mode
            else "notes priced from the fee table",
            "items_with_exposure": sum(1 for i in priced_items if exposure_amount(i) > 0),
            "by_rule": _exposure_by_rule(priced_items),
            "unpriced": unpriced,
            "extrapolated_point": projection["extrapolated_point"],
            "extrapolated_lower_90": projection["extrapolated_lower_90"],
        },
        "extrapolation": projection,
        "deficiencies": deficiencies(scored),
        "claims": {
            "total": len(lines),
            "provided": claims_mode,
            "by_status": {k: v for k, v in sorted(claim_status.items()) if k != CLAIM_NO_CLAIM},
            "paid_total": round(math.fsum(c.paid or 0.0 for c in lines), 2),
            "denied": claim_status.get(CLAIM_DENIED, 0),
            # Claim matching lists billable notes without a claim line inside the claims' dates.
            "unbilled_notes": claim_status.get(CLAIM_NO_CLAIM, 0),
        },
        "clones": {"groups": len(result.clones), "notes": len({i for g in result.clones for i in g.notes})},
        "inputs": _inputs_summary(result.inputs),
        "benchmarks": [dict(b) for b in BENCHMARKS],
        "assumptions": assumptions(fees, claims_mode, universe_text or "none defined", lookback, window, unpriced),
        "deidentified": deidentified,
    }


def build_summaries(
    result: AuditResult,
    *,
    fees: FeeTable | None = None,
    claims_provided: bool | None = None,
    universe: Mapping[str, int] | int | None = None,
    lookback: Lookback | None = None,
    as_of: date | None = None,
) -> AuditResult:
    """Fill `result.clinicians` and `result.summary` (exposures must already be assigned).

    The universe N comes from `universe` (--universe) if given, else from the claims file counted
    within `lookback` (the whole file when no lookback is given).
    """
    claims_mode = bool(result.claims) if claims_provided is None else claims_provided
    window = None
    counted: dict[str, int] = {}
    if claims_mode and result.claims:
        lines = billed_lines(result.claims)
        if lookback is None:
            counted = dict(Counter(claim.clinician for claim in lines))
        else:
            # The window also bounds the totals: claims older than the lookback are out of reach.
            counted, window = universe_from_claims(lines, lookback, as_of)
    universe_text = "none defined (pass --universe, or --claims with --lookback)"
    if universe is not None:
        universe_text = (f"--universe {universe} (the practice's units in the audit window)"
                         if isinstance(universe, int) else "given per clinician")
    elif claims_mode and result.claims:
        universe = counted
        universe_text = ("claims per clinician in the claims file"
                         + (f" within the {lookback.describe()} lookback" if lookback else ""))
    result.clinicians = build_clinicians(result.notes, result.claims if claims_mode else None, universe,
                                         window=window, universe_source=universe_text)
    result.summary = build_practice_summary(
        result, fees=fees, claims_mode=claims_mode, universe=universe, universe_text=universe_text,
        lookback=lookback, window=window,
    )
    return result
