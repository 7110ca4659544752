"""A notes report from the practice's first-half-2025 scheduling add-on, saved by Excel as CSV
(Windows-1252): Whitlock's and Merriweather's notes, duration instead of clock times, the
diagnosis and the signature typed into the note text itself."""

from __future__ import annotations

from .model import ClaimSpec, SampleNote, d, dt, exemplary

NOTES = (
    SampleNote(
        key="fairhaven-2025-02-06",
        client="fairhaven", clinician="whitlock", dos=d("2025-02-06"),
        stated_minutes=53, cpt="90837",
        signed_at=dt("2025-02-06 16:12"),
        sections=(
            ("Dx", "F43.10 PTSD"),
            ("Data", "EMDR preparation phase, session 2. Rosalind drove to school on side streets "
                     "all week (a detour that triples her commute) and skipped orchestra rehearsal again; "
                     "two nightmares. PCL-5: 49. Built her calm place — the café in "
                     "her grandmother's town where she did homework as a teen (smell of "
                     "cinnamon, the chipped blue cups) — and installed it with slow bilateral "
                     "taps (resource development and installation). Practiced the container "
                     "exercise for the intrusive headlight image."),
            ("Assessment", "Calm place strengthened: SUDS dropped from 5 to 1 while holding it. "
                           "She said, \"I can actually feel the cup in my hand.\" Objective 1a "
                           "(preparation before processing) about half complete; Goal 3 "
                           "(nightmares under 1/week): 2 this week. Denies SI/HI."),
            ("Plan", "Calm place and container practice nightly; begin target selection next "
                     "session 02/13/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary CSV row (53 minutes, EMDR resource installation); contains an em "
                  "dash and \"café\" in Windows-1252.",
    ),
    SampleNote(
        key="fairhaven-2025-02-20",
        client="fairhaven", clinician="whitlock", dos=d("2025-02-20"),
        stated_minutes=45, cpt="90834", telehealth=True,
        location="Telehealth - video (POS 10)",
        signed_at=dt("2025-02-20 13:30"),
        sections=(
            ("Dx", "F43.10 PTSD"),
            ("Telehealth", "Audio-video session via the practice portal because of an ice storm. "
                           "Client at home in Fairhollow, Oregon, in her study with the door "
                           "closed; clinician at home office. Consent for telehealth on file "
                           "(signed 01/09/2025) and verbally reconfirmed today."),
            ("Data", "Two nightmares this week; she left a staff meeting early when a delivery "
                     "truck braked outside. Target selection for EMDR: built the target list (collision, the "
                     "paramedic's voice, the first drive afterward) and rated each: SUDS 8, 6, 7. "
                     "Identified NC \"I'm going to die\" and PC \"I survived and I'm safe now\" "
                     "(VOC 2)."),
            ("Assessment", "Ready for processing: calm place and container reliable (she used the "
                           "container twice at work). Objective 1a complete. Goal 2a: drove the "
                           "neighborhood loop (step 1) three times. Denies SI/HI."),
            ("Plan", "Begin phase 3-4 processing on the collision target next session "
                     "02/27/2025, in person."),
        ),
        expect=exemplary(telehealth_elements="pass"),
        situation="Telehealth note WITH modality, client location (home, Oregon) and consent.",
    ),
    SampleNote(
        key="brightwater-2025-03-11",
        client="brightwater", clinician="merriweather", dos=d("2025-03-11"),
        stated_minutes=55, cpt="90837",
        signed_at=dt("2025-03-11 20:45"), cosigned_at=dt("2025-03-12 08:15"),
        sections=(
            ("Dx", "F34.1 Persistent depressive disorder"),
            ("Note", "Hollis used cold water (TIPP) twice this week instead of punching the wall "
                     "— their first skill use outside session. Diary card: urges 2/5, no "
                     "self-harm. I taught the DBT ACCEPTS distraction skills and we made a "
                     "pocket list for the bookstore break room. They said, \"Okay, the ice "
                     "thing is weirdly good.\" Goal 1: skill use 3 of 7 days (from 1). Goal 2: "
                     "no calm conversation yet. Denies SI/HI. Plan: ACCEPTS list, diary card, "
                     "next session 03/18."),
        ),
        expect={"interventions": "pass", "goal_linkage": "pass", "time_documented": "pass"},
        situation="Good associate note with co-signature.",
    ),
    SampleNote(
        key="calloway-2025-05-13",
        client="calloway", clinician="merriweather", dos=d("2025-05-13"),
        stated_minutes=45, cpt="90837",
        signed_at=dt("2025-05-13 18:05"), cosigned_at=dt("2025-05-14 09:20"),
        claim=ClaimSpec(kind="code_not_supported_by_time"),
        sections=(
            ("Dx", "F41.0 Panic disorder"),
            ("Note", "Juno had two panic attacks this week, both in the car before class. We did "
                     "interoceptive exposure (running in place for one minute, hyperventilation "
                     "for 30 seconds) and then rehearsed the drive to the campus lot in imagery "
                     "with a step-by-step script. Fear 7 -> 3 across trials. She said, \"My "
                     "heart did the thing and I just let it.\" Goal 1: 2 attacks (target under "
                     "2). Objective 1a practiced daily. Denies SI/HI. Plan: sit in the campus "
                     "lot for ten minutes twice; next 05/27."),
        ),
        expect={"time_supports_code": "fail", "time_documented": "pass"},
        situation="90837 documented and billed, but the note's duration is 45 minutes "
                  "(supports 90834).",
    ),
    SampleNote(
        key="fairhaven-2025-06-05",
        client="fairhaven", clinician="whitlock", dos=d("2025-06-05"),
        stated_minutes=55, cpt="90837",
        signed_at=dt("2025-06-05 15:40"),
        claim=ClaimSpec(denied=True, kind="denied"),
        sections=(
            ("Dx", "F43.10 PTSD"),
            ("Data", "Future template: imagined merging onto the highway in rain at dusk. SUDS "
                     "4 -> 1 over 12 sets. She drove the full highway route to orchestra "
                     "rehearsal alone on Tuesday (hierarchy step 7) and played \"the whole "
                     "second half without thinking about the drive home.\" PCL-5: 24."),
            ("Assessment", "Goals 1 and 2 met; Goal 3: no nightmares for three weeks. Denies "
                           "SI/HI."),
            ("Plan", "Move to every other week; relapse-prevention session next, 06/19/2025."),
        ),
        expect={"time_documented": "pass", "interventions": "pass"},
        situation="Good note; its claim was denied (paid 0).",
    ),
    SampleNote(
        key="kingsleyvane-2025-06-24",
        client="kingsleyvane", clinician="merriweather", dos=d("2025-06-24"),
        stated_minutes=50, cpt="90834",
        signed_at=dt("2025-06-24 17:50"), cosigned_at=dt("2025-06-25 10:10"),
        claim=None,
        sections=(
            ("Dx", "F43.23 Adjustment disorder with mixed anxiety and depressed mood"),
            ("Note", "Odessa applied to the county library and a print-on-demand shop. She "
                     "noticed the \"Pink Slip Voice\" got quieter on days she walked with her "
                     "sister. I used externalizing questions about when the voice loses "
                     "arguments and scaled her hope (4 -> 6). She said, \"I'm not obsolete, I'm "
                     "between chapters.\" Denies SI/HI. Plan: walks with sister three times; "
                     "next session 07/08."),
        ),
        expect={"treatment_plan_current": "fail"},
        situation="Unbilled: a signed progress note with no claim in claims.csv.",
    ),
    SampleNote(
        key="calloway-2025-07-01",
        client="calloway", clinician="merriweather", dos=d("2025-07-01"),
        stated_minutes=45, cpt="90834",
        signed_at=dt("2025-07-01 19:15"), cosigned_at=dt("2025-07-02 08:40"),
        sections=(
            ("Dx", "F41.0 Panic disorder"),
            ("Note", "Juno sat in the campus lot for ten minutes on four days and walked to the "
                     "library once. No panic attacks in two weeks. We reviewed the panic cycle "
                     "she drew in April and added \"what I do now\" to each step; "
                     "restructured \"if it comes back, I'm back to zero.\" She said, \"A bad day "
                     "isn't a reset button.\" Goal 1: 0 attacks (target under 2). Goal 2: plans "
                     "to register for fall. Denies SI/HI. Next 07/15."),
        ),
        expect={"time_documented": "pass", "time_supports_code": "pass",
                "treatment_plan_current": "fail"},
        situation="Good note; the client's plan is unsigned.",
    ),
    SampleNote(
        key="brightwater-2025-07-29",
        client="brightwater", clinician="merriweather", dos=d("2025-07-29"),
        stated_minutes=50, cpt="90834",
        signed_at=dt("2025-07-29 20:30"), cosigned_at=dt("2025-07-31 09:00"),
        claim=ClaimSpec(units=2, kind="extra_units"),
        sections=(
            ("Dx", "F34.1 Persistent depressive disorder"),
            ("Note", "Hollis moved into a smaller apartment with help from their father — the "
                     "first time they asked him directly. Used DEAR MAN again to ask the "
                     "bookstore for weekend shifts. I reinforced the skill use and we did a "
                     "pros-and-cons on applying to graduate school this fall. They said, \"I "
                     "want to try even if it stings.\" Goal 2 / Objective 2b: two requests this "
                     "week. Goal 1: skills 5 of 7 days. Denies SI/HI. Next 08/05."),
        ),
        expect={"time_documented": "pass", "time_supports_code": "pass"},
        situation="One 50-minute 90834 session, billed as 2 units of 90834.",
    ),
)
