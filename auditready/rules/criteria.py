"""The criterion ids of the audit.json contract (DESIGN.md "Contracts"), with what `pass` means.

Packs may add criteria (declared in their `criteria:` section) but never rename these.
"""

from __future__ import annotations

CORE_CRITERIA: dict[str, str] = {
    "date_of_service": "the note carries a date of service",
    "time_documented": "start/stop times or total minutes are documented (a pack may require start/stop)",
    "time_supports_code": "documented minutes support the billed/documented CPT code",
    "diagnosis": "a diagnosis (ICD-10/DSM) is present in the note or its plan",
    "medical_necessity": "current symptoms and functional impairment are described",
    "interventions": "specific, named interventions and how they were delivered",
    "client_response": "the client's response to the interventions",
    "goal_linkage": "the note ties the session to specific treatment-plan goals",
    "progress_toward_goals": "progress (or lack of it) toward those goals",
    "plan_next_steps": "plan, homework, or next session",
    "risk_assessment": "risk (SI/HI/safety) addressed where the note's content calls for it",
    "signature": "signed, with credentials",
    "signature_timely": "signed within the pack's allowed days of the date of service",
    "individualized_detail": "specific observations or the client's own words, not generic text",
    "not_checkbox_only": "narrative supports any checkbox content",
    "not_cloned": "not a near-copy of another note",
    "treatment_plan_current": "a signed plan covers the date of service",
    "telehealth_elements": "for telehealth: modality, client location, consent",
    "no_psychotherapy_content": "a progress note holds no psychotherapy-note (process) content",
    "psychotherapy_note_separate": "a psychotherapy note holds none of the HIPAA-excluded items",
}
