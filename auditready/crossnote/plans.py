"""Treatment plans from a plans file or folder: client, effective and review dates, signature,
goals and objectives.

Two shapes are read:
- spreadsheets (CSV/XLSX) with one row per goal or one row per plan; rows are grouped into one
  plan per client and effective date, and plan-level cells left blank on continuation rows
  (merged cells in the EHR's report) are carried down from the row above;
- documents (DOCX, PDF, text): one plan per document, its fields read from labeled lines
  ("Client:", "Effective Date:", "Review Date:"), its goals from numbered items in a goals or
  objectives section or from "Goal 2:" / "Objective 1b:" lines anywhere.

Every file appears once in the returned intake rows, parsed, skipped or error, with the reason.
Why a plan matters and what counts as current: criteria.md §1D `treatment_plan_current`
(NGS, CGS TPE, OIG On-Site 111/120 plans noncompliant).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from auditready.crossnote.goalids import GOAL, OBJECTIVE, canonical_goal_id, kind_of
from auditready.crossnote.identity import normalize_id, person_key
from auditready.crossnote.inputs import display_path, input_files, kind_overrides
from auditready.crossnote.tables import TableError, read_table
from auditready.crossnote.values import find_date, is_blank, parse_date, parse_signed
from auditready.ingest import safety
from auditready.ingest.columns import ColumnMap, normalize_header
from auditready.ingest.errors import IngestError, NoNotesFound
from auditready.ingest.fields import extract_fields
from auditready.ingest.options import IngestOptions
from auditready.models import (
    PARSED,
    SKIPPED,
    InputRecord,
    Locator,
    TreatmentGoal,
    TreatmentPlan,
)

DOCUMENT_FORMATS = ("pdf", "docx", "text")


@dataclass(slots=True)
class PlansResult:
    plans: list[TreatmentPlan] = field(default_factory=list)
    inputs: list[InputRecord] = field(default_factory=list)


def load_plans(
    path: Path, column_overrides: Mapping | None = None, options: IngestOptions | None = None
) -> PlansResult:
    """Every plan in a plans file or folder, and one intake row per file."""
    options = options or IngestOptions()
    overrides = kind_overrides(column_overrides, "plans")
    result = PlansResult()
    for file in input_files(path):
        shown = display_path(file, path)
        hidden = safety.hidden_reason(file.name)
        if hidden:
            result.inputs.append(InputRecord(shown, safety.format_label(file.name), SKIPPED, 0, hidden))
            continue
        fmt = safety.format_for(file.name)
        record = InputRecord(shown, safety.format_label(file.name), PARSED, size=file.stat().st_size)
        try:
            if fmt in ("csv", "xlsx"):
                plans = plans_from_table(file, shown, overrides, options)
            elif fmt in DOCUMENT_FORMATS:
                plans = [plan_from_document(file, shown, fmt, options)]
            else:
                raise safety.unsupported(file.name)
        except IngestError as exc:
            record.status, record.reason = exc.status, exc.reason
            result.inputs.append(record)
            continue
        record.notes = len(plans)
        record.reason = _plans_summary(plans)
        result.plans.extend(plans)
        result.inputs.append(record)
    return result


def _plans_summary(plans: list[TreatmentPlan]) -> str:
    """The intake row's reason: what was read, and what will keep plans from being used."""
    goals = sum(len(plan.goals) for plan in plans)
    parts = [f"{len(plans)} plan{'s' * (len(plans) != 1)}, {goals} goals/objectives"]
    if any(not plan.goals_listed for plan in plans):
        parts.append("no goal columns: goal linkage is judged from the notes alone")
    unmatched = sum(1 for plan in plans if not plan.client and not plan.client_id)
    if unmatched:
        parts.append(f"{unmatched} without a client name or id (cannot be matched to notes)")
    undated = sum(1 for plan in plans if plan.effective is None)
    if undated:
        parts.append(f"{undated} without an effective date (cannot cover a date of service)")
    return "; ".join(parts)


# --------------------------------------------------------------------------- spreadsheets


def _goal_from_cells(goal_id_cell: object, text_cell: object) -> list[TreatmentGoal]:
    raw_id = "" if is_blank(goal_id_cell) else str(goal_id_cell).strip()
    text = "" if is_blank(text_cell) else str(text_cell).strip()
    goal_id = canonical_goal_id(raw_id)
    if raw_id and not goal_id and not text:
        # A "Goal" column holding the goal's wording rather than its number.
        text, raw_id = raw_id, ""
    if not goal_id and text:
        parsed = parse_goals(text, section=GOAL)
        if parsed:
            return parsed  # a whole goal list in one cell (one row per plan)
        leading = re.match(r"^\s*((?:goal|objective|obj)\.?\s*#?\s*\w{1,4})\s*[:.)\-]\s*(.*)$", text, re.I | re.S)
        if leading and canonical_goal_id(leading.group(1)):
            raw_id, text = leading.group(1), leading.group(2)
            goal_id = canonical_goal_id(raw_id)
    if not goal_id and not text:
        return []
    kind = kind_of(raw_id) or (OBJECTIVE if re.search(r"[a-z.]", goal_id) else GOAL)
    return [TreatmentGoal(goal_id or "", " ".join(text.split()), kind)]


def plans_from_table(
    file: Path, shown: str, overrides: Mapping[str, str], options: IngestOptions
) -> list[TreatmentPlan]:
    table = read_table(
        file, "plans", overrides, required_any=[("client", "client_id"), ("goal_text", "goal_id", "effective")], options=options
    )
    plans: dict[tuple[str, str, date | None], TreatmentPlan] = {}
    carried: dict[str, object] = {}
    plan_level = ("client", "client_id", "effective", "review_by", "signed", "clinician")
    for row in table.rows:
        if row.get("client") is None and row.get("client_id") is None:
            # A continuation row: the plan's own cells were only filled on its first row.
            for name in plan_level:
                if row.get(name) is None and name in carried:
                    row.values[name] = carried[name]
        carried = {name: row.values.get(name) for name in plan_level}
        client, client_id = row.text("client"), row.text("client_id")
        if not client and not client_id:
            continue
        effective = parse_date(row.get("effective"))
        key = (normalize_id(client_id), person_key(client) if not client_id else "", effective)
        plan = plans.get(key)
        if plan is None:
            plan = TreatmentPlan(
                client=client,
                client_id=client_id,
                effective=effective,
                review_by=parse_date(row.get("review_by")),
                signed=parse_signed(row.get("signed")),
                source=Locator(shown, row=row.number),
                goals_listed=bool(table.columns & {"goal_id", "goal_text"}),
            )
            plans[key] = plan
        else:
            plan.signed = plan.signed or parse_signed(row.get("signed"))
            plan.review_by = plan.review_by or parse_date(row.get("review_by"))
        for goal in _goal_from_cells(row.get("goal_id"), row.get("goal_text")):
            if not any(g.goal_id == goal.goal_id and g.text == goal.text for g in plan.goals):
                plan.goals.append(goal)
    if not plans:
        raise TableError("the plans table has no rows with a client", SKIPPED)
    return list(plans.values())


# ------------------------------------------------------------------------------ documents


def _document_text(file: Path, fmt: str, options: IngestOptions) -> str:
    from auditready.ingest import docx as docx_reader
    from auditready.ingest import pdf as pdf_reader
    from auditready.ingest import text as text_reader

    readers = {"pdf": pdf_reader.read, "docx": docx_reader.read, "text": text_reader.read}
    safety.check_size(file.stat().st_size, options)
    data = file.read_bytes()
    safety.sniff(data, fmt)
    document = readers[fmt](data, file.name, options)
    return "\n".join(part.text for part in document.parts)


def plan_from_document(file: Path, shown: str, fmt: str, options: IngestOptions) -> TreatmentPlan:
    text = _document_text(file, fmt, options)
    plan = parse_plan_text(text, Locator(shown, page=1 if fmt == "pdf" else None))
    if plan is None:
        raise NoNotesFound("no treatment plan found: no client and no goals or objectives")
    return plan


_LABEL_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z0-9 #/&().'’-]{0,48}?)\s*[:：]\s*(?P<value>.*)$")
# Labels of plan documents beyond the spreadsheet synonyms (columns.yaml "plans").
_DOCUMENT_LABELS = {
    "date": "date",
    "planeffectivedate": "effective",
    "dateofplan": "effective",
    "treatmentplandate": "effective",
    "plandate": "effective",
    "dateinitiated": "effective",
    "datewritten": "effective",
    "planstart": "effective",
    "planstartdate": "effective",
    "reviewdue": "review_by",
    "nextreviewdate": "review_by",
    "planreviewdate": "review_by",
    "targetreviewdate": "review_by",
    "reevaluationdate": "review_by",
    "planenddate": "review_by",
    "expirationdate": "review_by",
    "name": "client",
    "clientpatient": "client",
}
_PLAN_FIELD_NAMES = ("client", "client_id", "effective", "review_by", "clinician")


def _label_field(label: str, column_map: ColumnMap) -> str | None:
    key = normalize_header(label)
    return column_map.lookup.get(key) or _DOCUMENT_LABELS.get(key)


def _labeled_values(text: str) -> list[tuple[str, str, str]]:
    """(label, value, raw line) from "Label: value" lines and from table rows ("Label<TAB>value")
    as Word tables arrive from the DOCX reader."""
    found = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        for index, cell in enumerate(cells):
            match = _LABEL_LINE.match(cell)
            if match:
                found.append((match.group("label").strip(), match.group("value").strip(), line))
            elif index + 1 < len(cells) and cell and len(cell) <= 40:
                found.append((cell, cells[index + 1], line))
    return found


def _header_fields(text: str) -> dict[str, object]:
    column_map = ColumnMap("plans")
    fields: dict[str, object] = {}
    plain_date = None
    for label, value, _line in _labeled_values(text):
        name = _label_field(label, column_map)
        if name is None or not value:
            continue
        if name == "date":
            plain_date = plain_date or find_date(value)
        elif name in ("effective", "review_by"):
            found = find_date(value)
            if found and name not in fields:
                fields[name] = found
        elif name in ("client", "client_id", "clinician") and name not in fields:
            fields[name] = value.split("\t")[0].strip()
    if "effective" not in fields and plain_date:
        fields["effective"] = plain_date
    # Who the plan is for is read the way note headers are read, which also handles several
    # labels on one line ("Client Name: Jane Smith    Client ID: 10442").
    note_fields = extract_fields(text)
    for name in ("client", "client_id", "clinician"):
        if note_fields.get(name) is not None and note_fields[name].value:
            fields[name] = str(note_fields[name].value)
    return fields


_PLACEHOLDER = re.compile(
    r"^(?:[\s_.\-xX*]*|\[.*\]|<.*>|\{\{.*\}\}|\(.*\)|n/?a|tbd|none|pending.*|not signed|unsigned|"
    r"signature|sign here|awaiting.*)$",
    re.I,
)
_E_SIGNED = re.compile(
    r"(electronically|digitally|e-?)\s*signed\s+(?:by\s+)?(?P<name>[A-Za-z][^\n\t]{1,80})|"
    r"signed\s+electronically\s+by\s+(?P<name2>[A-Za-z][^\n\t]{1,80})|(?<!\w)/s/\s*(?P<name3>[A-Za-z][^\n\t]{1,80})",
    re.I,
)
_SIGNATURE_LABEL = re.compile(r"\b(signature|signed|signed by|e-?signature)\b", re.I)
_NON_CLINICIAN = re.compile(r"^\s*(client|patient|member|guardian|parent|caregiver|legal|witness)\b", re.I)
_UNSIGNED_STATUS = re.compile(r"\b(unsigned|not signed|draft|pending signature|awaiting signature)\b", re.I)


def _is_placeholder(value: str) -> bool:
    value = value.strip()
    return not value or bool(_PLACEHOLDER.match(value))


def plan_signed(text: str) -> bool:
    """Whether a clinician signed the plan: an "Electronically signed by …" line, or a
    clinician/provider signature line holding a name or a date rather than a blank, an
    underscore line or a "[signature]" placeholder. A client's signature alone is not enough
    (criteria.md §1D `treatment_plan_signed`: the clinician signs the plan)."""
    for line in text.splitlines():
        match = _E_SIGNED.search(line)
        if match and not _NON_CLINICIAN.match(line):
            name = match.group("name") or match.group("name2") or match.group("name3") or ""
            if not _is_placeholder(name):
                return True
    for label, value, line in _labeled_values(text):
        if not _SIGNATURE_LABEL.search(label) or _NON_CLINICIAN.match(label):
            continue
        if "date" in label.lower():
            if find_date(value):
                return True
            continue
        # "Clinician Signature: ______  Date: ____" - judge the signature part only.
        value = re.split(r"\b(?:date|time|credentials?)\s*:", value, maxsplit=1, flags=re.I)[0]
        if not _is_placeholder(value) and not _UNSIGNED_STATUS.search(value):
            return True
    return False


# Goals sections and the numbered items in them.
_SECTION_GOALS = re.compile(
    r"^(?:treatment\s+|long[- ]term\s+|client\s+|problems?\s*(?:/|and|&)\s*)?(?:goals?|problems?(?:\s+list)?)"
    r"(?:\s*(?:/|and|&)\s*objectives?)?$",
    re.I,
)
_SECTION_OBJECTIVES = re.compile(
    r"^(?:short[- ]term\s+(?:goals?|objectives?)|(?:measurable\s+)?objectives?)$", re.I
)
# Labels inside one goal's block that do not end the goals section.
_GOAL_DETAIL_LABELS = {
    "targetdate", "target", "status", "baseline", "measure", "measurement", "duedate",
    "dateachieved", "achieved", "progress", "rating", "targetcompletiondate", "estimatedcompletion",
}
_EXPLICIT_ITEM = re.compile(
    r"^(?P<head>(?:long[- ]term\s+|short[- ]term\s+)?(?:goal|objective|obj\.?|ltg|stg|problem)\s*"
    r"(?:#|no\.?|number)?\s*\d{1,2}(?:\.\d{1,2}|[.\-]?[a-z](?![a-z]))?)\s*(?:[:.)\]\-–—]\s*|\s+|$)(?P<text>.*)$",
    re.I,
)
_NUMBERED_ITEM = re.compile(
    r"^(?P<num>\d{1,2})(?:\.(?P<sub>\d{1,2})|(?P<letter>[a-z]))?(?:[.)]\s+|\s+(?=[A-Za-z]))(?P<text>\S.*)$"
)
_LETTERED_ITEM = re.compile(r"^\(?(?P<letter>[a-z])[.)]\s+(?P<text>\S.*)$")
_BULLET = re.compile(r"^[-*•●○▪◦·–]\s*(?P<text>\S.*)$")


def _section_kind(label: str) -> str | None:
    label = " ".join(label.split())
    if _SECTION_GOALS.match(label):
        return GOAL
    if _SECTION_OBJECTIVES.match(label):
        return OBJECTIVE
    return None


def parse_goals(text: str, section: str | None = None) -> list[TreatmentGoal]:
    """Goals and objectives with their ids and wording (sub-bullets join their item's text).
    `section` is the kind of list the text starts in (a spreadsheet's goals cell is one)."""
    goals: list[TreatmentGoal] = []
    current: TreatmentGoal | None = None
    last_goal_number = ""

    def start_item(goal_id: str, kind: str, words: str) -> TreatmentGoal:
        item = TreatmentGoal(goal_id, words.strip(), kind)
        goals.append(item)
        return item

    for raw_line in text.splitlines():
        indented = raw_line[:1] in (" ", "\t")
        line = raw_line.strip().replace("\t", " ")
        if not line:
            continue
        explicit = _EXPLICIT_ITEM.match(line)
        if explicit and canonical_goal_id(explicit.group("head")):
            goal_id = canonical_goal_id(explicit.group("head"))
            kind = kind_of(explicit.group("head")) or GOAL
            current = start_item(goal_id, kind, explicit.group("text"))
            if kind == GOAL:
                last_goal_number = goal_id
            section = section or kind
            continue
        label_match = _LABEL_LINE.match(line)
        if label_match:
            label = label_match.group("label")
            new_section = _section_kind(label)
            if new_section:
                section, current = new_section, None
                line = label_match.group("value").strip()
                if not line:
                    continue
            elif normalize_header(label) in _GOAL_DETAIL_LABELS or indented:
                continue  # "Target Date: 3 months" belongs to the goal above
            elif section:
                section, current = None, None
                continue
        elif _section_kind(line.rstrip(":")):
            section, current = _section_kind(line.rstrip(":")), None
            continue
        if section is None:
            continue
        numbered = _NUMBERED_ITEM.match(line)
        if numbered:
            number, sub, letter = numbered.group("num"), numbered.group("sub"), numbered.group("letter")
            if sub or letter:
                goal_id = canonical_goal_id(f"{number}.{sub}" if sub else f"{number}{letter}")
                current = start_item(goal_id, OBJECTIVE, numbered.group("text"))
            else:
                goal_id = canonical_goal_id(number)
                current = start_item(goal_id, section, numbered.group("text"))
                if section == GOAL:
                    last_goal_number = goal_id
            continue
        lettered = _LETTERED_ITEM.match(line)
        if lettered and last_goal_number:
            goal_id = f"{last_goal_number}{lettered.group('letter').lower()}"
            current = start_item(goal_id, OBJECTIVE, lettered.group("text"))
            continue
        bullet = _BULLET.match(line)
        addition = bullet.group("text") if bullet else line
        if current is not None:
            current.text = f"{current.text} {addition}".strip()
    for goal in goals:
        goal.text = " ".join(goal.text.split()).rstrip(":").strip()
    return [goal for goal in goals if goal.goal_id or goal.text]


def parse_plan_text(text: str, source: Locator | None = None) -> TreatmentPlan | None:
    """One plan from a plan document's text; None when it names neither a client nor goals."""
    fields = _header_fields(text)
    goals = parse_goals(text)
    client = str(fields.get("client") or "")
    client_id = str(fields.get("client_id") or "")
    if not goals and not (client or client_id):
        return None
    effective = fields.get("effective")
    review_by = fields.get("review_by")
    return TreatmentPlan(
        client=client,
        client_id=client_id,
        effective=effective if isinstance(effective, date) else None,
        review_by=review_by if isinstance(review_by, date) else None,
        signed=plan_signed(text),
        goals=goals,
        source=source,
    )
