"""Notes printed one per PDF: Ashcombe (SOAP), Fenwick (TherapyNotes-style template with an
"All Normal" mental-status grid, copy-forward and template clones), Whitlock (DAP, EMDR, a
diagnostic evaluation and two psychotherapy notes)."""

from __future__ import annotations

from .model import ClaimSpec, SampleNote, d, dt, exemplary, t

# Fenwick's EHR template fills the mental-status grid with one click; every one of his PDF
# notes carries this identical block, which alone must not make two notes clones.
FENWICK_MSE = (
    "Orientation: X3 - oriented to person, place, time | General Appearance: Appropriate | "
    "Dress: Appropriate | Motor Activity: Unremarkable | Interview Behavior: Appropriate | "
    "Speech: Normal | Mood: Euthymic | Affect: Congruent | Insight: Good | Judgment: Good | "
    "Memory: Intact | Attention: Good | Thought Content: Appropriate | Thought Process: Logical "
    "and goal-directed | Perception: Unremarkable | Functional Status: Intact"
)
FENWICK_RISK = "Patient denies all areas of risk. No contrary clinical indications present."

# One narrative, pasted forward for three weeks (only the date changes).
WRENFIELD_COPY_FORWARD = (
    ("Current Mental Status", FENWICK_MSE),
    ("Risk Assessment", FENWICK_RISK),
    ("Symptom Description and Subjective Report",
     "Client reports continued low mood and low motivation this week. Client stated that he has "
     "been having difficulty getting out of bed for morning classes and has missed some "
     "assignments. Client reports sleeping 10+ hours and feeling tired during the day. Client "
     "reports spending most evenings gaming alone in his room."),
    ("Objective Content",
     "Client presented as tired with flat affect. Client was cooperative and engaged in session."),
    ("Interventions Used",
     "Cognitive Behavioral Therapy; Behavioral Activation; Supportive techniques. Clinician "
     "utilized CBT techniques to help client identify negative automatic thoughts related to "
     "school performance. Clinician assisted client in scheduling pleasant activities for the "
     "upcoming week."),
    ("Treatment Plan Progress",
     "Goal 1: Reduce depressed mood and increase daily functioning - Progressing. Goal 2: Return "
     "to attending all scheduled classes - Progressing."),
    ("Assessment",
     "Client continues to meet criteria for MDD. Client would benefit from continued weekly "
     "therapy."),
    ("Plan",
     "Continue weekly individual therapy. Client to follow activity schedule. Next session in "
     "one week."),
)

# One narrative used for two different clients the same week (a template clone).
FENWICK_ANXIETY_TEMPLATE = (
    ("Current Mental Status", FENWICK_MSE),
    ("Risk Assessment", FENWICK_RISK),
    ("Symptom Description and Subjective Report",
     "Client reports increased anxiety this week related to stressors at home and at work. Client "
     "reports difficulty sleeping and racing thoughts at night. Client reports muscle tension and "
     "irritability that is affecting relationships."),
    ("Interventions Used",
     "Clinician utilized CBT techniques to identify and challenge cognitive distortions. "
     "Clinician taught client diaphragmatic breathing and progressive muscle relaxation."),
    ("Client Response",
     "Client was receptive to interventions and practiced diaphragmatic breathing in session."),
    ("Treatment Plan Progress",
     "Goal 1: Reduce anxiety symptoms - Progressing. Client is making progress toward treatment "
     "goals."),
    ("Plan",
     "Continue weekly therapy. Client to practice relaxation techniques daily and to use "
     "breathing when anxious."),
)

CLONE_TRIPLE_SITUATION = ("Copy-forward clone: same narrative as the other two Wrenfield April "
                          "notes, only the date changed.")
TEMPLATE_CLONE_SITUATION = ("Template clone across two clients of one clinician (Marchbank "
                            "05/14, Thistlewood 05/15): identical narrative.")
NEAR_MISS_SITUATION = ("Near miss: same one-click mental-status grid as every Fenwick PDF, but "
                       "an individual narrative; must NOT be reported as a clone.")

NOTES = (
    # --- Juniper Ashcombe, LCSW ------------------------------------------------------------
    SampleNote(
        key="larkspur-2025-03-12",
        client="larkspur", clinician="ashcombe", dos=d("2025-03-12"),
        start=t("14:00"), end=t("14:46"), cpt="90834",
        signed_at=dt("2025-03-12 18:20"),
        sections=(
            ("Subjective",
             "Bennett (45, project engineer) reports worrying \"about everything at once\" for "
             "four to five hours a day, tension headaches three times this week, and falling "
             "asleep taking over an hour because of rumination. He rewrote an email to his "
             "manager six times before sending it and has put off calling a vendor for three "
             "days. GAD-7: 15."),
            ("Objective",
             "Restless, jiggled his leg throughout. Speech rapid, affect anxious and congruent. "
             "Thought process organized but circumstantial when describing work."),
            ("Interventions",
             "Psychoeducation on the worry cycle and intolerance of uncertainty. Introduced "
             "scheduled worry time (worry postponement): a 20-minute window at 6:30 PM with a "
             "worry notepad during the day. Taught the \"Can I act on this today?\" question to "
             "separate productive from unproductive worry. Began a graded exposure hierarchy for "
             "avoided calls with SUDS ratings."),
            ("Response",
             "Rated calling the vendor at 70 SUDS and calling his manager at 85. \"Writing them "
             "down is weird, but it feels like parking them.\" Chose to call the vendor tomorrow "
             "before 10 AM."),
            ("Treatment Plan Progress",
             "Goal 1 (GAD-7 below 8, worry under 30 min/day): baseline GAD-7 15 and about 4 "
             "hours/day. Objective 1a started today. Goal 2 / Objective 2b: hierarchy drafted with "
             "six items."),
            ("Risk", "Denies SI/HI; no history of self-harm."),
            ("Plan",
             "Daily worry window and a tally of minutes spent worrying outside it. Vendor call. "
             "Next session 03/26/2025 at 2:00 PM."),
        ),
        expect=exemplary(),
        situation="Exemplary progress note (SOAP, worry postponement, exposure hierarchy).",
    ),
    SampleNote(
        key="larkspur-2025-05-07",
        client="larkspur", clinician="ashcombe", dos=d("2025-05-07"),
        start=t("14:00"), end=t("14:41"), cpt="90837",
        signed_at=dt("2025-05-07 17:55"),
        sections=(
            ("Subjective",
             "Made the call to his manager he had avoided since March and asked for a deadline "
             "extension, which was granted. Worry down to about 90 minutes a day. Still braces for "
             "\"the other shoe\" on Sunday nights and still hands team presentations to a "
             "colleague. GAD-7: 10."),
            ("Objective", "Less restless than in March; affect mildly anxious, brightened when "
             "describing the call."),
            ("Interventions",
             "Imaginal exposure to his worst-case worry script (laid off, cannot pay the mortgage, "
             "has to move his son out of his school), written in first person and read aloud "
             "repeatedly for 15 minutes without reassurance. Debriefed what he learned."),
            ("Response",
             "SUDS 75 at first reading, 40 by the fifth. \"It gets boring. I didn't think a "
             "catastrophe could get boring.\""),
            ("Treatment Plan Progress",
             "Goal 1: GAD-7 15 -> 10; worry about 90 min/day (target under 30). Objective 2b: "
             "completed hierarchy items 3 and 4 this week."),
            ("Risk", "Denies SI/HI."),
            ("Plan",
             "Read the worry script once a day and record SUDS. Session ended early: client left "
             "to pick up his son. Next session 05/21/2025."),
        ),
        expect=exemplary(time_supports_code="fail"),
        situation="90837 billed, but the note documents 41 minutes (2:00-2:41 PM): time does not "
                  "support the code (supports 90834).",
        claim=ClaimSpec(kind="code_not_supported_by_time"),
    ),
    # --- Dorian Fenwick, LPC ------------------------------------------------------------------
    SampleNote(
        key="wrenfield-2025-04-10",
        client="wrenfield", clinician="fenwick", dos=d("2025-04-10"),
        start=t("16:00"), end=t("16:50"), cpt="90834",
        signed_at=dt("2025-04-10 19:31"),
        sections=WRENFIELD_COPY_FORWARD,
        expect={"not_cloned": "fail", "time_documented": "pass", "time_supports_code": "pass"},
        situation=CLONE_TRIPLE_SITUATION,
    ),
    SampleNote(
        key="wrenfield-2025-04-17",
        client="wrenfield", clinician="fenwick", dos=d("2025-04-17"),
        start=t("16:00"), end=t("16:50"), cpt="90834",
        signed_at=dt("2025-04-17 19:02"),
        sections=WRENFIELD_COPY_FORWARD,
        expect={"not_cloned": "fail"},
        situation=CLONE_TRIPLE_SITUATION,
    ),
    SampleNote(
        key="wrenfield-2025-04-24",
        client="wrenfield", clinician="fenwick", dos=d("2025-04-24"),
        start=t("16:00"), end=t("16:50"), cpt="90834",
        signed_at=dt("2025-04-24 20:14"),
        sections=WRENFIELD_COPY_FORWARD,
        expect={"not_cloned": "fail"},
        situation=CLONE_TRIPLE_SITUATION,
    ),
    SampleNote(
        key="marchbank-2025-05-14",
        client="marchbank", clinician="fenwick", dos=d("2025-05-14"),
        start=t("09:00"), end=t("09:48"), cpt="90834",
        signed_at=dt("2025-05-14 18:40"),
        sections=FENWICK_ANXIETY_TEMPLATE,
        expect={"not_cloned": "fail"},
        situation=TEMPLATE_CLONE_SITUATION,
    ),
    SampleNote(
        key="thistlewood-2025-05-15",
        client="thistlewood", clinician="fenwick", dos=d("2025-05-15"),
        start=t("11:00"), end=t("11:47"), cpt="90834",
        signed_at=dt("2025-05-15 18:12"),
        sections=FENWICK_ANXIETY_TEMPLATE,
        expect={"not_cloned": "fail"},
        situation=TEMPLATE_CLONE_SITUATION,
    ),
    SampleNote(
        key="crane-2025-06-19",
        client="crane", clinician="fenwick", dos=d("2025-06-19"),
        start=t("13:00"), end=t("13:45"), cpt="90834",
        telehealth=True, location="Telehealth",
        signed_at=dt("2025-06-19 17:26"),
        sections=(
            ("Current Mental Status", FENWICK_MSE),
            ("Risk Assessment", FENWICK_RISK),
            ("Symptom Description and Subjective Report",
             "Session conducted via video. Client reports tearfulness most afternoons and says "
             "the house is \"too quiet\" since her husband died in November. She has stopped "
             "going to her Tuesday quilting group and eats dinner standing at the counter. "
             "Sleeping 5 hours."),
            ("Interventions Used",
             "Behavioral activation: reviewed last week's activity schedule and planned two "
             "social activities (quilting group Tuesday, lunch with daughter Saturday). Grief "
             "psychoeducation on waves of grief around anniversaries."),
            ("Client Response",
             "Client agreed to go to quilting group \"for one hour, not the whole afternoon.\" "
             "Was tearful but able to plan."),
            ("Treatment Plan Progress",
             "Goal 2: Increase contact with family and community - 0 of 2 activities last week."),
            ("Plan", "Quilting group and lunch with daughter. Follow up next week."),
        ),
        expect={"telehealth_elements": "fail"},
        situation="Telehealth note with modality only: no client location and no telehealth "
                  "consent documented.",
    ),
    SampleNote(
        key="beaumontorr-2025-07-22",
        client="beaumontorr", clinician="fenwick", dos=d("2025-07-22"),
        start=t("09:00"), end=t("09:45"), cpt="90834",
        signed_at=dt("2025-07-22 12:03"),
        sections=(
            ("Presenting Concerns",
             "[X] Anxiety  [ ] Depression  [X] Stress  [ ] Grief  [ ] Anger  [ ] Substance use"),
            ("Mood", "[ ] Euthymic  [X] Anxious  [ ] Depressed  [ ] Irritable  [ ] Elevated"),
            ("Affect", "[X] Congruent  [ ] Flat  [ ] Labile  [ ] Restricted"),
            ("Interventions",
             "[X] CBT  [ ] DBT  [X] Supportive  [ ] MI  [ ] EMDR  [ ] Psychoeducation"),
            ("Client Response", "[ ] Poor  [X] Fair  [ ] Good  [ ] Excellent"),
            ("Progress", "[ ] Regressed  [X] Stable  [ ] Improved"),
            ("Risk", "[X] Denies SI  [X] Denies HI  [ ] Passive SI  [ ] Active SI"),
            ("Comments", "Stressors re: divorce. F/u 1 wk."),
        ),
        expect={"not_checkbox_only": "fail"},
        situation="Checkbox-only note: a grid of [X]/[ ] items and a six-word comment.",
    ),
    SampleNote(
        key="ashdown-2025-09-09",
        client="ashdown", clinician="fenwick", dos=d("2025-09-09"),
        start=t("16:00"), end=t("16:55"), cpt="90837",
        signed_at=dt("2025-09-09 18:44"),
        sections=(
            ("Current Mental Status", FENWICK_MSE),
            ("Risk Assessment",
             "Denies SI/HI. No withdrawal symptoms reported; denies morning drinking. Discussed "
             "not driving after drinking; client agreed."),
            ("Symptom Description and Subjective Report",
             "Percival reports 4 drinking days this week (down from 6), most 5 beers on Saturday "
             "at his brother-in-law's barbecue: \"I didn't want to be the only guy holding a "
             "soda.\" Wife says he is \"less snappy.\" Still skipping breakfast; sleep 5-6 hours. "
             "PHQ-9: 12 (16 in July)."),
            ("Interventions Used",
             "Motivational interviewing. Decisional balance on cutting back vs. keeping things as "
             "they are. Scaling questions: importance 8/10, confidence 5/10 (\"why a 5 and not a "
             "2?\"). Reflected change talk. Elicited a plan for next weekend's fishing trip: bring "
             "non-alcoholic beer, leave the cooler at home. Reviewed his drink log."),
            ("Client Response",
             "Named three reasons to cut back: his blood pressure readings, his granddaughter, and "
             "\"not feeling like garbage on Sundays.\" Confidence rose to 6/10 after planning the "
             "trip."),
            ("Treatment Plan Progress",
             "Goal 1 (no more than 2 drinks on any day, 3 alcohol-free days a week): 3 "
             "alcohol-free days this week; one day over the limit - partially met. Goal 2: "
             "PHQ-9 16 -> 12."),
            ("Plan", "Continue weekly. Daily drink log. Repeat PHQ-9 in two weeks. Next appointment "
             "09/16/2025."),
        ),
        expect={"not_cloned": "pass", "interventions": "pass", "client_response": "pass",
                "treatment_plan_current": "fail"},
        situation=NEAR_MISS_SITUATION + " Also: the client's only plan expired 03/03/2025.",
    ),
    SampleNote(
        key="esterhazy-2025-09-30",
        client="esterhazy", clinician="fenwick", dos=d("2025-09-30"),
        start=t("11:00"), end=t("11:54"), cpt="90837",
        signed_at=dt("2025-09-30 17:09"),
        sections=(
            ("Current Mental Status", FENWICK_MSE),
            ("Risk Assessment", "Denies SI/HI."),
            ("Symptom Description and Subjective Report",
             "Marigold (lab technician) spoke up in Tuesday's staff meeting for the first time "
             "since she was hired in March, to ask about the new shift schedule. SUDS 80 before, "
             "45 after. Skipped Friday's team lunch and ate in her car. Describes blushing and "
             "\"my brain goes blank\" whenever her supervisor looks at her during meetings."),
            ("Interventions Used",
             "In-session exposure: role-played introducing herself to a new coworker three times, "
             "recorded on her phone, then compared predicted with observed performance. Cognitive "
             "restructuring of \"everyone will notice I'm blushing.\" Assigned hierarchy item 4: "
             "eat lunch in the break room twice this week."),
            ("Client Response",
             "Predicted she would look \"like a tomato, 9 out of 10\"; after watching the "
             "recording rated it 4 and said, \"Okay, you can barely tell.\""),
            ("Treatment Plan Progress",
             "Goal 1 (speak at least once per work meeting): met this week. Goal 2 (social "
             "contacts outside work): none yet."),
            ("Plan", "Break-room lunch twice. Next session 10/07/2025."),
        ),
        expect={"not_cloned": "pass", "interventions": "pass", "client_response": "pass"},
        situation=NEAR_MISS_SITUATION,
    ),
    # --- Imogen Whitlock, PsyD ----------------------------------------------------------------
    SampleNote(
        key="fairhaven-2025-01-09",
        client="fairhaven", clinician="whitlock", dos=d("2025-01-09"),
        start=t("09:00"), end=t("10:25"), cpt="90791", kind="intake",
        signed_at=dt("2025-01-10 09:05"),
        sections=(
            ("Reason for Referral",
             "Self-referred on her PCP's advice for nightmares and fear of driving since a "
             "rear-end collision on 11/14/2023, when her car was pushed into an intersection. "
             "No physical injuries beyond whiplash."),
            ("History of Present Illness",
             "Nightmares of headlights in the rear-view mirror three to four nights a week; wakes "
             "sweating. Avoids highways entirely and takes a 40-minute side-street route to work; "
             "her husband drives on weekends. Startles at braking sounds, scans mirrors "
             "constantly, irritability with students. Intrusive images several times a day. "
             "PCL-5: 52. PHQ-9: 11. GAD-7: 12."),
            ("Psychiatric History",
             "No prior treatment. Brief school counseling at 12 when her father was seriously ill. "
             "No hospitalizations."),
            ("Medical History and Medications",
             "Whiplash resolved. No current medications. PCP: Fairhollow Family Medicine."),
            ("Substance Use",
             "Two glasses of wine per week; denies cannabis or other drugs. AUDIT-C: 2."),
            ("Social and Developmental History",
             "Age 29, middle-school music teacher, married three years, no children. Mother lives "
             "nearby; father recovered. Plays viola in a community orchestra (stopped attending "
             "because rehearsals require highway driving)."),
            ("Mental Status Examination",
             "Well groomed, cooperative, good eye contact. Speech normal. Mood \"on edge\"; affect "
             "anxious, reactive. Thought process linear; no delusions; no hallucinations. "
             "Cognition grossly intact. Insight and judgment good."),
            ("Risk Assessment",
             "C-SSRS screen negative: denies SI (lifetime and current), denies HI, no self-harm, "
             "no attempts. No firearms in the home."),
            ("Diagnosis",
             "F43.10 Post-traumatic stress disorder: traumatic event with threat of death, "
             "intrusions (nightmares, images), avoidance of driving, negative mood changes, and "
             "hyperarousal for more than a month, with impairment at work and in leisure."),
            ("Recommendations",
             "Weekly individual psychotherapy, 53-60 minutes, using EMDR after a preparation "
             "phase; graded driving exposure. Treatment plan to be completed and signed "
             "01/16/2025. With consent, coordinate with PCP."),
        ),
        expect={"date_of_service": "pass", "diagnosis": "pass", "risk_assessment": "pass",
                "signature": "pass", "signature_timely": "pass"},
        situation="Diagnostic evaluation (90791, intake note type) with history, MSE, risk, "
                  "diagnosis and recommendations.",
    ),
    SampleNote(
        key="fairhaven-2025-03-06",
        client="fairhaven", clinician="whitlock", dos=d("2025-03-06"),
        start=t("09:00"), end=t("09:58"), cpt="90837",
        signed_at=dt("2025-03-06 16:48"),
        sections=(
            ("Data",
             "Third EMDR processing session on the 11/2023 collision target (image: headlights in "
             "the rear-view mirror; NC \"I'm going to die\"; PC \"I survived and I'm safe now\"). "
             "Pre-session SUDS 8, VOC 2. Bilateral eye movements, 24 sets. Tightness in the chest "
             "emerged, then the memory of the paramedic's voice saying \"you're okay, stay with "
             "me.\" End-of-session SUDS 3, VOC 5. Closed with container and calm-place exercises. "
             "Since last session she drove Harlan Avenue (two miles of four-lane road) twice. "
             "PCL-5: 41 (52 at intake). Nightmares twice in the past week; still avoids highways, "
             "so her husband drives her to orchestra rehearsal."),
            ("Assessment",
             "Processing stayed within the window of tolerance; the SUDS drop from 8 to 3 shows "
             "partial desensitization. Goal 1: PCL-5 52 -> 41. Objective 2a: step 3 of 7 on the "
             "driving hierarchy. Goal 3: nightmares 2/week (from 3-4). The 58-minute session was "
             "needed to complete processing sets and return her to baseline before closing. "
             "Denies SI/HI; no self-harm."),
            ("Plan",
             "Continue phase 4 on the same target (incomplete session). Between sessions: TICES "
             "log, nightly container practice, hierarchy step 4 (highway on-ramp with her husband "
             "in the passenger seat). Next appointment 03/13/2025 at 9:00 AM."),
        ),
        expect=exemplary(),
        situation="Exemplary DAP note: EMDR with SUDS/VOC, goals, extended-session rationale.",
    ),
    SampleNote(
        key="fairhaven-2025-03-06-psychotherapy",
        client="fairhaven", clinician="whitlock", dos=d("2025-03-06"), cpt=None,
        kind="psychotherapy", show_diagnosis=False, claim=None,
        signed_at=dt("2025-03-06 17:02"),
        sections=(
            ("Process",
             "She opened with a dream from Sunday night: she was a passenger in a car with no "
             "driver, and her mother sat in the back seat humming a hymn and did not seem to "
             "notice that no one was steering. She laughed while telling it and then went very "
             "still."),
            ("Transference and countertransference",
             "She apologized three times for \"taking up your time,\" the way she describes "
             "apologizing to her mother. I wonder whether she experiences me as another adult she "
             "must not burden. I noticed a strong pull to reassure her and to slow things down "
             "more than the work needed - a protective, almost parental feeling that I want to "
             "look at in consultation."),
            ("Hypotheses",
             "The collision may have reawakened the helplessness of age 12, when her father was "
             "ill and no one explained anything to her. \"I'm going to die\" may also carry \"no "
             "one is driving.\" Her laughter may be a way of keeping others comfortable."),
            ("Questions to hold",
             "What did she learn about needing things as a child? What happens if I say less?"),
        ),
        expect={"psychotherapy_note_separate": "pass"},
        situation="Psychotherapy (process) note kept separate: dream, transference, "
                  "countertransference, hypotheses; none of the HIPAA-excluded items. Not claim "
                  "support (the same day's progress note is).",
    ),
    SampleNote(
        key="fairhaven-2025-04-03-psychotherapy",
        client="fairhaven", clinician="whitlock", dos=d("2025-04-03"), cpt=None,
        kind="psychotherapy", show_diagnosis=False,
        signed_at=dt("2025-04-03 17:30"),
        claim=ClaimSpec(cpt="90837", kind="psychotherapy_note_only"),
        sections=(
            ("Session", "10:00-10:55 AM. Dx F43.10 PTSD. Meds: sertraline 100 mg (started by PCP "
             "03/20), prazosin 1 mg at bedtime for nightmares. PCL-5 today 34."),
            ("Process",
             "She brought her viola case into the session and set it between us like a wall. "
             "Talked about her father's hospital room for the first time - the smell of the hand "
             "sanitizer, the television left on. Said, \"Nobody told me he might not come home, so "
             "I decided he wouldn't.\""),
            ("Countertransference",
             "I felt the familiar urge to fill silences for her and held it. I was moved by the "
             "viola case and did not comment on it. Raise in consultation."),
            ("Hypotheses",
             "The instrument as a transitional object from the years of her father's illness; "
             "the intersection as the moment her childhood strategy (\"decide the worst so it "
             "can't surprise you\") failed."),
            ("Plan", "Continue EMDR weekly on the collision target; add the hospital memory as a "
             "feeder target."),
        ),
        expect={"psychotherapy_note_separate": "fail"},
        situation="Psychotherapy note that wrongly holds HIPAA-excluded items (session times, "
                  "diagnosis, medications, test score, plan). It is the ONLY document for the "
                  "04/03 claim.",
    ),
    SampleNote(
        key="fairhaven-2025-05-01",
        client="fairhaven", clinician="whitlock", dos=d("2025-05-01"),
        start=t("09:00"), end=t("09:55"), cpt="90837",
        signed_at=dt("2025-05-01 15:20"),
        sections=(
            ("Data",
             "Fifth EMDR processing session (feeder target: father's hospital room, age 12). "
             "Pre SUDS 7, post SUDS 2; VOC 3 -> 6 for \"I can handle not knowing.\" Drove the "
             "highway on-ramp and one exit alone on Saturday (hierarchy step 5). PCL-5: 30. "
             "Nightmares once in two weeks. She recounted a dream in detail: \"I was in the music "
             "room at school and all the instruments were melting, and my dad was conducting "
             "with a straw, and I kept playing because if I stopped he'd notice the room was on "
             "fire.\""),
            ("Assessment",
             "Strong response to processing; Goal 1 (PCL-5 below 33) met for the first time; "
             "Objective 2a at step 5 of 7; Goal 3 nightmares under 1 per week. Countertransference: "
             "I felt unusually maternal toward her today and caught myself over-reassuring; I "
             "suspect this echoes her longing for her mother's approval and her father's "
             "attention. My hypothesis is that the melting-instruments dream shows her fear that "
             "competence is the price of being loved. Denies SI/HI."),
            ("Plan",
             "Future template for highway driving next session; consider reducing to every other "
             "week in June. Next appointment 05/08/2025."),
        ),
        expect={"no_psychotherapy_content": "fail", "time_documented": "pass",
                "time_supports_code": "pass", "interventions": "pass", "goal_linkage": "pass"},
        situation="Progress note over-disclosing process content: verbatim dream, "
                  "countertransference and the therapist's hypotheses.",
    ),
)
