"""The practice's "Session Notes Report" spreadsheet for the second half of 2025: one note per
row, mostly Dorian Fenwick, LPC (terse, one narrative cell), including the day he documented
twelve and a quarter hours of sessions, and one exemplary row by Juniper Ashcombe."""

from __future__ import annotations

from .model import ClaimSpec, SampleNote, d, dt, exemplary, t

# 10/08/2025: seven back-to-back 105-minute sessions, 7:00 AM to 7:45 PM (735 minutes).
IMPOSSIBLE_DAY_SITUATION = ("Impossible day: Fenwick documents 7 sessions of 105 minutes on "
                            "10/08/2025 (7:00 AM-7:45 PM), 735 minutes in total.")

NOTES = (
    SampleNote(
        key="wrenfield-2025-07-15",
        client="wrenfield", clinician="fenwick", dos=d("2025-07-15"),
        start=t("09:00"), end=t("09:45"), cpt="90834",
        signed_at=dt("2025-07-15 17:30"),
        sections=(("", "Client discussed the week. Provided support. Continue treatment."),),
        expect={"interventions": "fail", "client_response": "fail", "goal_linkage": "fail",
                "progress_toward_goals": "fail", "individualized_detail": "fail",
                "medical_necessity": "fail", "time_documented": "pass"},
        situation="Vague boilerplate: \"Client discussed the week. Provided support. Continue "
                  "treatment.\"",
    ),
    SampleNote(
        key="marchbank-2025-08-05",
        client="marchbank", clinician="fenwick", dos=d("2025-08-05"), cpt="90834",
        signed_at=dt("2025-08-05 18:02"),
        sections=(
            ("", "Delphine rates her anxiety 6/10 this week, down from 8/10 in July. Still "
                 "checking the stove and door locks three or four times before leaving for work "
                 "and lying awake going over her daughter's college costs. Clinician reviewed "
                 "her worry log and led progressive muscle relaxation; she reported her "
                 "shoulders \"finally dropped\" and rated tension 3/10 afterward. Goal 1 "
                 "(reduce anxiety, improve coping): practicing PMR 4 nights a week. Denies "
                 "SI/HI. Plan: PMR nightly, limit lock-checking to one check; next week."),
        ),
        expect={"time_documented": "fail"},
        situation="No time documented: Time In and Time Out empty and no minutes in the note.",
    ),
    SampleNote(
        key="thistlewood-2025-08-12",
        client="thistlewood", clinician="fenwick", dos=d("2025-08-12"),
        start=t("10:00"), end=t("10:50"), cpt="90834",
        signed_at=dt("2025-09-04 22:47"),
        sections=(
            ("", "Ezra had a second interview at a logistics company on Friday and thinks it "
                 "went \"okay, not great.\" Low mood on mornings without structure; applying to "
                 "3 jobs a week. Clinician used cognitive restructuring on \"I'm unemployable "
                 "at 35\" and helped him build a weekday schedule with a fixed 7:30 wake-up and "
                 "a gym block. He filled in Monday through Wednesday himself. Goal 1 (anxiety "
                 "and low mood after job loss): mood 5/10 from 3/10. Goal 2: using the schedule. "
                 "Denies SI/HI. Next appt 08/19."),
        ),
        expect={"signature_timely": "fail", "signature": "pass"},
        situation="Signed 23 days after the date of service (Signed At 09/04/2025).",
    ),
    SampleNote(
        key="beaumontorr-2025-09-03",
        client="beaumontorr", clinician="fenwick", dos=d("2025-09-03"),
        start=t("13:00"), end=t("13:12"), cpt="90832",
        signed_at=dt("2025-09-03 16:40"),
        sections=(
            ("", "Brief session - client had to leave for divorce mediation at 1:30. Checked in "
                 "on sleep (4-5 hours) and reviewed the grounding exercise (5-4-3-2-1) he can "
                 "use in the mediation room; he said he would try it in the hallway first. "
                 "Goal 1: anxiety about proceedings 7/10. Denies SI/HI. Reschedule full session "
                 "next week."),
        ),
        expect={"time_supports_code": "fail", "time_documented": "pass"},
        claim=ClaimSpec(kind="under_16_minutes"),
        situation="Under 16 minutes (1:00-1:12 PM, 12 min) billed as 90832: no psychotherapy "
                  "code is supported.",
    ),
    SampleNote(
        key="larkspur-2025-09-24",
        client="larkspur", clinician="ashcombe", dos=d("2025-09-24"),
        start=t("14:00"), end=t("14:55"), cpt="90837",
        signed_at=dt("2025-09-24 17:15"),
        sections=(
            ("S", "Bennett gave his first team presentation in two years on 09/18 (hierarchy "
                  "item 6) and \"only blanked once, for about three seconds.\" Worry down to "
                  "roughly 25 minutes a day; still checks email at 11 PM, which cuts his sleep to "
                  "about six hours. GAD-7: 7."),
            ("O", "Relaxed, joking, sat back in the chair. Affect full."),
            ("Interventions", "Reviewed the presentation as a behavioral experiment "
                              "(prediction: \"I'll freeze and they'll pity me\" vs. outcome). "
                              "Relapse-prevention plan for worry: warning signs, skills that "
                              "worked (worry window, exposure), what to do after a bad week. "
                              "Set a response-prevention rule for late-night email."),
            ("Response", "\"Nobody pitied me. Somebody asked for my slides.\" Wrote his own "
                         "three-step plan for a bad week."),
            ("Progress", "Goal 1 met: GAD-7 below 8 and worry under 30 min/day. Goal 2 / "
                         "Objective 2b: hierarchy complete (6 of 6)."),
            ("Risk", "Denies SI/HI."),
            ("Plan", "No email after 9 PM. Move to monthly maintenance; next session "
                     "10/22/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary note in a spreadsheet row.",
    ),
    # --- 10/08/2025: the impossible day (rows in time order) -------------------------------
    SampleNote(
        key="wrenfield-2025-10-08",
        client="wrenfield", clinician="fenwick", dos=d("2025-10-08"),
        start=t("07:00"), end=t("08:45"), cpt="90837",
        signed_at=dt("2025-10-08 22:51"),
        sections=(
            ("", "Tobias attended all classes this week except Friday's lab. Gaming down to two "
                 "evenings. Behavioral activation review and planned a study group on Tuesday. "
                 "He said the study group \"sounds awful but fine.\" Goal 2: attended 4 of 5 "
                 "classes. Denies SI/HI. Continue weekly."),
        ),
        expect={"time_documented": "pass"},
        situation=IMPOSSIBLE_DAY_SITUATION,
    ),
    SampleNote(
        key="marchbank-2025-10-08",
        client="marchbank", clinician="fenwick", dos=d("2025-10-08"),
        start=t("08:50"), end=t("10:35"), cpt="90837",
        signed_at=dt("2025-10-08 22:58"),
        sections=(
            ("", "Delphine's daughter left for college on Saturday; Delphine says the house is "
                 "\"loud with quiet.\" Checking locks twice now instead of four times. Practiced "
                 "worry exposure script and PMR. Goal 1 progressing - anxiety 5/10. Denies SI/HI."),
        ),
        expect={"time_documented": "pass"},
        situation=IMPOSSIBLE_DAY_SITUATION,
    ),
    SampleNote(
        key="thistlewood-2025-10-08",
        client="thistlewood", clinician="fenwick", dos=d("2025-10-08"),
        start=t("10:40"), end=t("12:25"), cpt="90837",
        signed_at=dt("2025-10-08 23:04"),
        sections=(
            ("", "Ezra starts at the logistics company Monday. Anxious about learning the "
                 "software. Role-played asking a coworker for help; cognitive restructuring of "
                 "\"they'll find out I'm a fraud.\" Goal 1: mood 7/10. Denies SI/HI."),
        ),
        expect={"time_documented": "pass"},
        situation=IMPOSSIBLE_DAY_SITUATION,
    ),
    SampleNote(
        key="ashdown-2025-10-08",
        client="ashdown", clinician="fenwick", dos=d("2025-10-08"),
        start=t("12:30"), end=t("14:15"), cpt="90837",
        signed_at=dt("2025-10-08 23:10"),
        sections=(
            ("", "Percival: 4 alcohol-free days this week. Fishing trip went \"dry and boring "
                 "and fine.\" MI - rolled with resistance about the holidays, elicited his own "
                 "plan for Thanksgiving. Goal 1 met this week. PHQ-9 10. Denies SI/HI."),
        ),
        expect={"time_documented": "pass", "treatment_plan_current": "fail"},
        situation=IMPOSSIBLE_DAY_SITUATION + " Plan expired 03/03/2025.",
    ),
    SampleNote(
        key="beaumontorr-2025-10-08",
        client="beaumontorr", clinician="fenwick", dos=d("2025-10-08"),
        start=t("14:20"), end=t("16:05"), cpt="90837",
        signed_at=dt("2025-10-08 23:16"),
        sections=(
            ("", "Silas: mediation agreement signed; custody every other week. Relief mixed with "
                 "grief about \"half a life with my kids.\" Grief processing and planning the "
                 "first handoff. Goal 1 anxiety 4/10. Denies SI/HI."),
        ),
        expect={"time_documented": "pass"},
        situation=IMPOSSIBLE_DAY_SITUATION,
    ),
    SampleNote(
        key="crane-2025-10-08",
        client="crane", clinician="fenwick", dos=d("2025-10-08"),
        start=t("16:10"), end=t("17:55"), cpt="90837",
        signed_at=dt("2025-10-08 23:22"),
        sections=(
            ("", "Wilhelmina went to quilting group 3 times in September and is making a quilt "
                 "from her husband's shirts. Behavioral activation review; planned a visit to "
                 "her granddaughter's school play. Goal 2 met. Denies SI/HI."),
        ),
        expect={"time_documented": "pass"},
        situation=IMPOSSIBLE_DAY_SITUATION,
    ),
    SampleNote(
        key="esterhazy-2025-10-08",
        client="esterhazy", clinician="fenwick", dos=d("2025-10-08"),
        start=t("18:00"), end=t("19:45"), cpt="90837",
        signed_at=dt("2025-10-08 23:29"),
        sections=(
            ("", "Marigold ate lunch in the break room twice; a coworker invited her to trivia "
                 "night. Exposure planning for trivia; cognitive restructuring of \"I'll say "
                 "something stupid.\" Goal 2 first outside contact planned. Denies SI/HI."),
        ),
        expect={"time_documented": "pass"},
        situation=IMPOSSIBLE_DAY_SITUATION,
    ),
    # ------------------------------------------------------------------------------------------
    SampleNote(
        key="esterhazy-2025-11-04",
        client="esterhazy", clinician="fenwick", dos=d("2025-11-04"),
        start=t("11:00"), end=t("11:55"), cpt="90837",
        signed_at=dt("2025-11-04 18:20"), show_diagnosis=False,
        sections=(
            ("", "Marigold went to trivia night twice and answered a question out loud about "
                 "bird migration (\"I knew it, so I said it\"). Blushing still happens but she "
                 "\"stops checking if anyone saw.\" Clinician used cognitive restructuring on "
                 "post-event rumination and introduced attention training (external focus "
                 "during conversations). Practiced in session by describing the room while "
                 "talking; she rated self-focus 3/10 vs. 8/10 in September. Goal 2: two outside "
                 "contacts this month. Denies SI/HI. Next 11/18."),
        ),
        expect={"diagnosis": "fail", "interventions": "pass"},
        situation="Missing diagnosis: Dx cell empty and no diagnosis in the note (the client's "
                  "plan carries none either).",
    ),
    SampleNote(
        key="crane-2025-11-18",
        client="crane", clinician="fenwick", dos=d("2025-11-18"),
        start=t("13:00"), end=t("13:50"), cpt="90834",
        signed_at=dt("2025-11-18 17:45"),
        sections=(
            ("", "Wilhelmina reports that her daughter visited over the weekend and that she "
                 "slept better on the nights her daughter stayed. She cried about the upcoming "
                 "first Thanksgiving without her husband and said she might set his place at "
                 "the table. Mood sad, affect congruent. Goal 1: low mood most days. Denies "
                 "SI/HI. Will see next week."),
        ),
        expect={"interventions": "fail"},
        situation="No interventions: the note records what the client said, not what the "
                  "clinician did.",
    ),
    SampleNote(
        key="ashdown-2025-12-02",
        client="ashdown", clinician="fenwick", dos=d("2025-12-02"),
        start=t("16:00"), end=t("16:53"), cpt="90837",
        signed_at=dt("2025-12-02 19:05"),
        sections=(
            ("", "Percival drank on Thanksgiving (\"six, maybe seven\") and felt \"like garbage "
                 "for two days.\" Clinician used MI: explored the slip without judgment, "
                 "developed discrepancy between the slip and his wish to be present for his "
                 "granddaughter, and elicited his own steps for the December office party "
                 "(drive himself, leave by 8). He said, \"I know what I'm doing wrong, I just "
                 "need to catch it earlier.\" PHQ-9 11. Denies SI/HI; denies withdrawal. See "
                 "next week."),
        ),
        expect={"goal_linkage": "fail", "treatment_plan_current": "fail"},
        situation="No treatment-plan goal named; the client's plan also expired 03/03/2025.",
    ),
)
