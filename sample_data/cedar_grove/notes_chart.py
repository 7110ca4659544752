"""Aurelia Quill's chart, Feb-Jul 2025, as Juniper Ashcombe, LCSW wrote it (SOAP, behavioral
activation and cognitive restructuring, PHQ-9 every session). Printed together as one
multi-page chart PDF. Mostly exemplary; one passive-SI session handled with a full risk
assessment over video, and one note signed three weeks late."""

from __future__ import annotations

from .model import SampleNote, d, dt, exemplary, t

NOTES = (
    SampleNote(
        key="quill-2025-02-04",
        client="quill", clinician="ashcombe", dos=d("2025-02-04"),
        start=t("10:00"), end=t("10:55"), cpt="90837",
        signed_at=dt("2025-02-04 17:42"),
        sections=(
            ("Subjective",
             "Aurelia reports low mood \"most days, like I'm walking through wet cement.\" She has "
             "called in sick twice in the past two weeks from her job as office manager at a dental "
             "practice and says she sits in her car for ten minutes before going in. Sleeps 9-10 "
             "hours on weekends but wakes at about 4:00 AM on workdays and cannot fall back asleep. "
             "Stopped her Saturday pottery class in November. PHQ-9 today 17 (19 at intake on "
             "01/14/2025)."),
            ("Objective",
             "On time, casually dressed. Psychomotor slowing; speech soft and slow. Affect "
             "constricted, tearful when describing missing her niece's birthday party. Thought "
             "process linear and goal-directed. Oriented x4."),
            ("Interventions",
             "Introduced the behavioral activation model (action before motivation) and drew the "
             "activity-mood cycle using her own past week. Collaboratively built an activity log "
             "and scheduled three small activities: a 10-minute walk with her dog after work on "
             "Mon/Wed/Fri and a call to her sister on Sunday. Brief psychoeducation on early "
             "morning awakening as a symptom of depression rather than a personal failing."),
            ("Response",
             "Initially skeptical (\"I've tried making lists, it doesn't work\"), but engaged once "
             "activities were cut to ten minutes. She chose the dog walk herself and entered the "
             "three times in her phone calendar during session."),
            ("Treatment Plan Progress",
             "Goal 1 / Objective 1a (three valued activities per week): baseline 0 per week; "
             "starting this week. Goal 2 (sleep and routine): sleep log baseline to be collected."),
            ("Risk",
             "Denies SI/HI, denies self-harm; no history of suicide attempts. Protective factors: "
             "sister, her dog, steady job."),
            ("Plan",
             "Weekly 55-60 minute sessions per treatment plan. Homework: activity log daily, rate "
             "mood 0-10 before and after each scheduled activity. Next session 02/18/2025 (client "
             "travelling 02/11)."),
        ),
        expect=exemplary(),
        situation="Exemplary progress note (start/stop times, BA intervention, quoted response, "
                  "Objective 1a, risk screen, signed same day).",
    ),
    SampleNote(
        key="quill-2025-02-18",
        client="quill", clinician="ashcombe", dos=d("2025-02-18"),
        start=t("10:00"), end=t("10:54"), cpt="90837",
        signed_at=dt("2025-02-18 16:05"),
        sections=(
            ("Subjective",
             "Completed two of three planned walks; skipped Friday because \"it was already dark "
             "and I just couldn't.\" Called her sister Sunday for about 40 minutes and logged mood "
             "3 before and 6 after. Still waking around 4:15 AM on four of seven nights; left work two hours early on "
             "Thursday because she \"couldn't keep my eyes open.\" PHQ-9: 15."),
            ("Objective",
             "Better eye contact than last session; smiled when describing the dog pulling her "
             "toward the park. Affect less constricted. No psychomotor slowing today."),
            ("Interventions",
             "Reviewed the activity log and pointed out the mood change she recorded around the "
             "call (3 to 6). Problem-solved the Friday barrier: moved walks to her lunch break. "
             "Introduced stimulus control for sleep: leave the bed after about 20 minutes awake, "
             "keep a fixed 6:45 AM wake time, no phone in bed."),
            ("Response",
             "\"So it's not that I'm lazy, it's that the plan was too big.\" Agreed to lunchtime "
             "walks. Voiced worry about getting up at 4 AM (\"the couch is cold\") and decided to "
             "leave a blanket and a book on the couch."),
            ("Treatment Plan Progress",
             "Objective 1a: 2 of 3 activities this week (up from 0). Goal 2: sleep log started; "
             "slept past 6:00 AM on 3 of 7 nights."),
            ("Risk", "Denies SI and HI. No self-harm."),
            ("Plan",
             "Continue behavioral activation and add one pleasure activity (clay at home or a "
             "pottery video). Sleep log with fixed wake time. Next session 03/04/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary progress note; stimulus control and BA review.",
    ),
    SampleNote(
        key="quill-2025-03-04",
        client="quill", clinician="ashcombe", dos=d("2025-03-04"),
        start=t("10:02"), end=t("10:48"), cpt="90834",
        signed_at=dt("2025-03-04 18:30"),
        sections=(
            ("Subjective",
             "\"Work was a disaster.\" Her supervisor corrected a billing error Aurelia made and she "
             "\"spent the whole weekend thinking I'd be fired.\" She stayed in bed most of Saturday and "
             "cancelled lunch with a coworker, though she still walked the dog three times and "
             "worked with clay once. PHQ-9: 13."),
            ("Objective",
             "Tense posture and clipped speech for the first ten minutes, brighter later. Briefly "
             "tearful. Logical, no perceptual disturbance."),
            ("Interventions",
             "Cognitive restructuring with a written thought record on the billing error: "
             "situation, automatic thought (\"I'm incompetent, they'll let me go\"), emotion "
             "(shame 85%), evidence for and against, balanced thought. Named the distortions "
             "catastrophizing and mind-reading and linked them to her weekend rumination."),
            ("Response",
             "Wrote her own balanced thought: \"I made one error in a month of about 300 claims "
             "and my boss fixed it in five minutes.\" Re-rated shame at 40%. Asked for blank "
             "thought records to take home."),
            ("Treatment Plan Progress",
             "Goal 1: PHQ-9 17 -> 13 over four weeks. Objective 1a met this week (4 activities). "
             "Objective 1b (thought records) started today."),
            ("Risk", "Denies suicidal and homicidal ideation."),
            ("Plan",
             "Thought record on 4 of 7 days (Objective 1b); keep the activity schedule. Shorter "
             "session today at client's request (work meeting at 11). Next session 03/18/2025 by "
             "video because her car is in the shop."),
        ),
        expect=exemplary(),
        situation="Exemplary 90834 (46 min) with cognitive restructuring and a thought record.",
    ),
    SampleNote(
        key="quill-2025-03-18",
        client="quill", clinician="ashcombe", dos=d("2025-03-18"),
        start=t("10:00"), end=t("10:53"), cpt="90837",
        telehealth=True, location="Telehealth - video (POS 10, client at home)",
        signed_at=dt("2025-03-18 13:10"),
        sections=(
            ("Telehealth",
             "Synchronous audio-video session through the practice's telehealth portal. Client "
             "located at her home in Fairhollow, Oregon, alone in a private room; clinician in the "
             "Cedar Grove office. Telehealth consent signed 01/14/2025; verbal consent to meet by "
             "video confirmed at the start of today's session. Backup phone number confirmed."),
            ("Subjective",
             "Hard week: her sister announced she is moving to Denver in June. Called in sick on "
             "Monday and stopped thought records after Wednesday. Said, \"Sometimes I think everyone would be better off if I "
             "just didn't wake up.\" PHQ-9: 16, item 9 scored 1."),
            ("Objective",
             "Seated at her kitchen table. Looked fatigued, hair unwashed, speech slow. Affect sad "
             "and congruent. Cooperative, kept eye contact with the camera."),
            ("Risk Assessment",
             "Passive death wish endorsed. C-SSRS screener: wish to be dead - yes (past month); "
             "non-specific active suicidal thoughts - no; no method, intent or plan; no preparatory "
             "behavior; no lifetime attempts. No firearms in the home (confirmed); only "
             "over-the-counter medications. Protective factors: her dog (\"he'd have no one\"), "
             "her sister, her faith, a planned visit to Denver in May. Formulation: low acute risk, "
             "elevated chronic risk given recurrent depression. Reviewed and updated her written "
             "safety plan (warning signs: lying in bed after work, skipping dinner; coping: walk "
             "the dog, shower and music, call her sister; 988 Suicide & Crisis Lifeline and the "
             "county crisis line). Copy sent through the portal. Denies HI."),
            ("Interventions",
             "Safety planning as above. Validated grief about her sister's move. Re-planned "
             "behavioral activation as a \"minimum viable day\" (shower, one walk, one call)."),
            ("Response",
             "\"I don't want to die, I just want to stop feeling this heavy.\" Named two people she "
             "can call and read the plan back in her own words."),
            ("Treatment Plan Progress",
             "Goal 1: setback this week (PHQ-9 13 -> 16). Objective 1a: 2 activities."),
            ("Plan",
             "Fifteen-minute check-in call Thursday 03/20. With her written consent, will send a "
             "coordination letter to her PCP about a medication evaluation. Next session "
             "04/01/2025 in the office."),
        ),
        expect=exemplary(telehealth_elements="pass"),
        situation="Passive SI (\"better off if I just didn't wake up\") WITH C-SSRS screen, "
                  "protective factors and safety plan; telehealth note WITH modality, client "
                  "location and consent.",
    ),
    SampleNote(
        key="quill-2025-04-01",
        client="quill", clinician="ashcombe", dos=d("2025-04-01"),
        start=t("10:00"), end=t("10:56"), cpt="90837",
        signed_at=dt("2025-04-01 17:20"),
        sections=(
            ("Subjective",
             "The 03/20 check-in call went as planned. Saw her PCP on 03/26 and started sertraline "
             "50 mg; mild nausea. Passive thoughts \"less loud - maybe twice this week, for a "
             "minute.\" Walked the dog 5 of 7 days and went back to Saturday pottery, but still eats lunch in "
             "her car to avoid the office break room. PHQ-9: 14."),
            ("Objective",
             "Neatly dressed, wearing makeup. Brighter affect, laughed twice. Speech normal rate."),
            ("Risk",
             "Re-screened: passive thoughts twice, fleeting, no intent or plan, no behaviors. "
             "Safety plan still saved on her phone; she used step 2 (shower and music) on Sunday. "
             "Denies HI."),
            ("Interventions",
             "Cognitive restructuring of the core \"I'm a burden\" belief with the continuum "
             "technique and an evidence log of what her sister and coworkers actually say and ask "
             "of her. Reviewed the behavioral activation log."),
            ("Response",
             "Placed herself at 70 on a 0-100 \"burden\" scale at the start and 35 by the end. "
             "\"My sister literally asked me to help her pick paint colors. That's not what you ask "
             "a burden.\""),
            ("Treatment Plan Progress",
             "Goal 1: PHQ-9 16 -> 14. Objective 1a met (6 activities). Goal 2: sleeping until "
             "about 5:45 AM most nights."),
            ("Plan", "Daily evidence log; keep activity schedule. Next session 04/15/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary; follow-up risk re-screen after the passive-SI session.",
    ),
    SampleNote(
        key="quill-2025-04-15",
        client="quill", clinician="ashcombe", dos=d("2025-04-15"),
        start=t("10:00"), end=t("10:45"), cpt="90834",
        signed_at=dt("2025-05-07 20:15"),
        sections=(
            ("Subjective",
             "Good week overall; nausea from sertraline has passed. Anxious about her annual "
             "performance review on 04/22; she has put off writing her self-evaluation for a "
             "week. PHQ-9: 11."),
            ("Objective",
             "Appropriately dressed. Mood euthymic to anxious; twisted her ring while talking about "
             "the review."),
            ("Interventions",
             "Cognitive rehearsal and role-play of the review conversation, clinician playing her "
             "supervisor. Identified all-or-nothing thinking (\"if there's any criticism it means I "
             "failed\"). Wrote a coping card together."),
            ("Response",
             "Ran the role-play twice; the second time she asked a clarifying question instead of "
             "apologizing. Her coping card reads: \"Feedback is information, not a verdict.\""),
            ("Treatment Plan Progress",
             "Objective 1b: thought records on 5 of 7 days. Goal 1: PHQ-9 14 -> 11."),
            ("Risk", "No passive death wishes since 04/05. Denies SI/HI."),
            ("Plan",
             "Read the coping card before the review. 45-minute session today per client's "
             "schedule. Next session 04/29/2025."),
        ),
        expect=exemplary(signature_timely="fail"),
        situation="Good note signed 22 days after the date of service (05/07/2025).",
    ),
    SampleNote(
        key="quill-2025-04-29",
        client="quill", clinician="ashcombe", dos=d("2025-04-29"),
        start=t("10:00"), end=t("10:55"), cpt="90837",
        signed_at=dt("2025-04-30 08:40"),
        sections=(
            ("Subjective",
             "The review went well: \"meets expectations, and she said I'm the calmest person in "
             "the office - which is hilarious.\" With mood lifting, the main complaint now is "
             "sleep: in bed 9:30 PM to 7:00 AM but awake for long stretches, and dozing at her desk after "
             "lunch. PHQ-9: 9, her first score below 10."),
            ("Objective", "Relaxed posture, full range of affect, joking at times."),
            ("Interventions",
             "Shifted focus to Goal 2. CBT-I components: reviewed two weeks of sleep diary, "
             "calculated sleep efficiency (about 68%), set a sleep window of 11:30 PM to 6:45 AM, "
             "and explained sleep restriction and why it feels worse before it feels better."),
            ("Response",
             "Worried about being tired at work but agreed to try the window for two weeks: \"Fine. "
             "I'll be a zombie with a plan.\""),
            ("Treatment Plan Progress",
             "Goal 1: PHQ-9 below 10 for the first time (criterion needs two consecutive). Goal 2 "
             "/ Objective 2a: wake time 6:45 AM kept on 6 of 7 days."),
            ("Risk", "Denies SI/HI."),
            ("Plan",
             "Sleep window and diary. Agreed to move to every-other-week sessions as symptoms "
             "improve; next session 05/20/2025 after her trip to Denver."),
        ),
        expect=exemplary(),
        situation="Exemplary; CBT-I for the sleep goal.",
    ),
    SampleNote(
        key="quill-2025-05-20",
        client="quill", clinician="ashcombe", dos=d("2025-05-20"),
        start=t("10:00"), end=t("10:55"), cpt="90837",
        signed_at=dt("2025-05-20 15:50"),
        sections=(
            ("Subjective",
             "Visited her sister in Denver 05/09-05/12; cried at the airport but \"it was a good "
             "cry.\" Sleep window mostly kept; sleep efficiency up to about 85% on her diary. Still "
             "turns down about half of weekend invitations. PHQ-9: 8."),
            ("Objective", "Well groomed, euthymic, animated when showing photos of the trip."),
            ("Interventions",
             "Began relapse-prevention planning: listed her personal early warning signs (cancelling "
             "plans, sleeping in on weekends, \"the wet cement feeling\") and matched each to a "
             "first response. Values card sort to anchor activities after the sister's move."),
            ("Response",
             "Top values from the sort: connection, craft, competence. She decided to sign up for "
             "the summer wheel-throwing course and to keep a standing Sunday video call with her "
             "sister."),
            ("Treatment Plan Progress",
             "Goal 1 met by plan criterion: PHQ-9 below 10 on two consecutive administrations "
             "(9, 8). Goal 2: 6.5+ hours of sleep on 4 of 7 nights (target 5)."),
            ("Risk", "Denies SI/HI; no passive death wishes this month."),
            ("Plan", "Draft relapse-prevention plan to finish at home. Next session 06/10/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary; relapse-prevention planning, Goal 1 met.",
    ),
    SampleNote(
        key="quill-2025-06-10",
        client="quill", clinician="ashcombe", dos=d("2025-06-10"),
        start=t("10:00"), end=t("10:52"), cpt="90834",
        signed_at=dt("2025-06-10 12:05"),
        sections=(
            ("Subjective",
             "Her dog needed emergency surgery on 06/02 (swallowed a sock; recovering). Vet bill "
             "about $2,400. She noticed the early warning signs from her plan (skipped dinner two "
             "nights) and \"did the list\": called her sister and kept her walk at lunch without "
             "the dog. PHQ-9: 7."),
            ("Objective", "Tired but engaged; affect appropriate; no tearfulness."),
            ("Interventions",
             "Structured problem solving for the vet bill: defined the problem, brainstormed "
             "options (payment plan, pet-care credit line, asking her sister), weighed pros and "
             "cons, and chose a first step. Reinforced her use of the relapse-prevention plan."),
            ("Response",
             "Chose the clinic's payment plan and wrote a script for the call. \"Two months ago "
             "this would have flattened me.\""),
            ("Treatment Plan Progress",
             "Goal 1 maintained (PHQ-9 7). Goal 2 met this week: 6.5+ hours on 5 of 7 nights."),
            ("Risk", "Denies suicidal ideation, intent or plan; denies HI."),
            ("Plan",
             "Call the vet clinic this week. Treatment plan review due by 07/21/2025; will discuss "
             "stepping down to every three weeks. Next session 07/08/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary 90834 (52 min); structured problem solving.",
    ),
    SampleNote(
        key="quill-2025-07-08",
        client="quill", clinician="ashcombe", dos=d("2025-07-08"),
        start=t("10:00"), end=t("10:55"), cpt="90837",
        signed_at=dt("2025-07-09 09:10"),
        sections=(
            ("Subjective",
             "Sister moved on 06/21; Aurelia helped pack and says the goodbye was \"sad but not "
             "scary.\" Started the wheel-throwing course and has made \"four lopsided bowls and one "
             "decent mug.\" Working full time with no sick days since April. Still notices a dip "
             "on Sunday evenings, when she skips dinner and is in bed by 8. PHQ-9: 6 (17 in "
             "February)."),
            ("Objective",
             "Casually dressed, euthymic, full affect, spontaneous humor. Linear thought process."),
            ("Interventions",
             "Reviewed progress on every treatment-plan objective with her PHQ-9 graph. Rehearsed "
             "the relapse-prevention plan against a likely trigger (the first holiday without her "
             "sister nearby). Cognitive work on the Sunday dip: identified the anticipatory "
             "thought \"the week will swallow me\" and generated an alternative grounded in the "
             "last ten weeks of data. Discussed tapering session frequency."),
            ("Response",
             "Read her plan aloud and added one step (\"text Maya from pottery\"). Said the graph "
             "was \"the first time I believed it wasn't luck.\" Prefers every three weeks for two "
             "sessions, then monthly."),
            ("Treatment Plan Progress",
             "Goal 1 met and maintained (PHQ-9 8, 7, 6). Objective 1a: 5-7 activities weekly. "
             "Objective 1b: uses thought records as needed. Goal 2 met for four weeks; Objective "
             "2a kept."),
            ("Risk", "Denies SI/HI. No passive death wishes since April."),
            ("Plan",
             "Update the treatment plan at the next session (review due 07/21/2025): "
             "maintenance goals and frequency every three weeks. Next session 07/29/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary; progress summary before the plan review.",
    ),
)
