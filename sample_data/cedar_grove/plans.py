"""Treatment plans: one row per goal in plans.csv, plus Rosalind Fairhaven's plan as a narrative
Word document. Planted: Percival Ashdown's plan EXPIRED on 03/03/2025, Juno Calloway's plan was
never SIGNED, Odessa Kingsley-Vane has NO plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import d


@dataclass(frozen=True)
class Plan:
    client: str  # practice.CLIENTS key
    effective: date
    review: date
    signed: bool
    goals: tuple[tuple[str, str], ...]  # (goal id, goal text)
    situation: str = "Signed plan covering every sample note of this client."
    state: str = "current"  # current | expired | unsigned


PLANS = (
    Plan("quill", d("2025-01-21"), d("2025-07-21"), True, (
        ("1", "Reduce depressive symptoms so that PHQ-9 is below 10 on two consecutive "
              "administrations."),
        ("1a", "Schedule and complete at least 3 valued or pleasant activities per week "
               "(behavioral activation)."),
        ("1b", "Identify and challenge self-critical automatic thoughts with a thought record on "
               "4 of 7 days."),
        ("2", "Restore sleep and daily routine to support full-time work: 6.5+ hours of sleep on "
              "5 nights per week."),
        ("2a", "Keep a consistent wake time (6:45 AM) on workdays."),
    )),
    Plan("larkspur", d("2025-02-26"), d("2026-02-26"), True, (
        ("1", "Decrease excessive worry: GAD-7 below 8 and worry under 30 minutes per day."),
        ("1a", "Practice scheduled worry postponement daily."),
        ("2", "Reduce avoidance of work presentations and phone calls."),
        ("2b", "Complete graded exposure hierarchy items, at least 2 per week."),
    )),
    Plan("fairhaven", d("2025-01-16"), d("2026-01-16"), True, (
        ("1", "Reduce PTSD symptoms related to the 11/2023 collision: PCL-5 below 33."),
        ("1a", "Complete EMDR preparation (calm place, container) before trauma processing."),
        ("2", "Resume driving on highways and local roads without panic."),
        ("2a", "Drive the graded route list, one step per week."),
        ("3", "Restore restful sleep: nightmares fewer than 1 per week."),
    )),
    Plan("wrenfield", d("2025-03-27"), d("2026-03-27"), True, (
        ("1", "Reduce depressed mood and increase daily functioning."),
        ("2", "Return to attending all scheduled classes."),
    )),
    Plan("marchbank", d("2025-04-30"), d("2026-04-30"), True, (
        ("1", "Reduce anxiety symptoms and improve coping skills."),
        ("2", "Improve sleep."),
    )),
    Plan("thistlewood", d("2025-05-01"), d("2026-05-01"), True, (
        ("1", "Reduce anxiety and depressed mood related to job loss."),
        ("2", "Increase use of coping skills and daily structure."),
    )),
    Plan("brightwater", d("2025-01-28"), d("2026-01-28"), True, (
        ("1", "Reduce intensity and duration of emotional crises: use a distress-tolerance skill "
              "before acting on urges on 5 of 7 days (diary card)."),
        ("2", "Improve relationship with parents: one calm conversation per week without "
              "shutting down."),
        ("2b", "Use DEAR MAN to make one direct request per week."),
    )),
    Plan("ashdown", d("2024-09-03"), d("2025-03-03"), True, (
        ("1", "Reduce alcohol use to no more than 2 drinks on any day and 3 alcohol-free days "
              "per week."),
        ("2", "Reduce depressive symptoms: PHQ-9 below 10."),
    ), state="expired",
       situation="EXPIRED: review date 03/03/2025 passed; every later note is outside a "
                 "current plan."),
    Plan("calloway", d("2025-03-18"), d("2026-03-18"), False, (
        ("1", "Reduce panic attacks from daily to fewer than 2 per week."),
        ("1a", "Use paced breathing and interoceptive exposure practice daily."),
        ("2", "Return to in-person classes at the community college."),
    ), state="unsigned", situation="UNSIGNED: plan written but never signed."),
    Plan("beaumontorr", d("2025-06-10"), d("2026-06-10"), True, (
        ("1", "Decrease anxiety related to divorce proceedings."),
        ("2", "Maintain work performance."),
    )),
    Plan("crane", d("2025-05-29"), d("2026-05-29"), True, (
        ("1", "Reduce depressive symptoms and social withdrawal."),
        ("2", "Increase contact with family and community: 2 activities per week."),
    )),
    Plan("esterhazy", d("2025-08-26"), d("2026-08-26"), True, (
        ("1", "Reduce social anxiety: speak at least once in each work meeting."),
        ("2", "Increase social contacts outside work to 2 per month."),
    )),
)

CLIENTS_WITHOUT_PLAN = {"kingsleyvane": "NO PLAN: the client has no treatment plan at all."}

# Rosalind Fairhaven's plan as her clinician wrote it in Word (same goals as plans.csv).
NARRATIVE_PLAN_CLIENT = "fairhaven"
NARRATIVE_PLAN_SECTIONS = (
    ("Diagnosis", "F43.10 Post-traumatic stress disorder (collision 11/14/2023)."),
    ("Presenting problems and functional impairment",
     "Nightmares three to four nights a week, intrusive images of the collision, avoidance of "
     "highway driving (40-minute detours to work; stopped attending community orchestra), "
     "hypervigilance and irritability with students. PCL-5 52 at intake on 01/09/2025."),
    ("Strengths",
     "Motivated, insightful, supportive spouse, stable job she values, music as a resource."),
    ("Goals and objectives",
     "Goal 1: Reduce PTSD symptoms related to the 11/2023 collision: PCL-5 below 33.\n"
     "Objective 1a: Complete EMDR preparation (calm place, container) before trauma "
     "processing.\n"
     "Goal 2: Resume driving on highways and local roads without panic.\n"
     "Objective 2a: Drive the graded route list, one step per week.\n"
     "Goal 3: Restore restful sleep: nightmares fewer than 1 per week."),
    ("Interventions, amount and frequency",
     "Individual psychotherapy weekly, 53-60 minutes (90837), for an expected 6-12 months: EMDR "
     "(preparation, processing, future templates), graded in-vivo driving exposure, sleep "
     "hygiene. Coordination with PCP as consented."),
    ("Expected outcome",
     "Full remission of PTSD symptoms is expected with trauma-focused treatment; review every "
     "12 months or sooner if progress stalls."),
)
