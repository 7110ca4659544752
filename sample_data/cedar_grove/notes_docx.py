"""Caspian Merriweather, AMFT writes his notes in Word (first person, systemic and DBT-informed)
and his supervisor Imogen Whitlock, PsyD co-signs them. Word text keeps its typographic
punctuation (curly quotes, em dashes), as real documents do.

Layouts: "paragraphs" (headings as bold runs in plain paragraphs), "table" (header fields in
a two-column label/value table), "header_footer" (paragraphs plus a page header and footer
carrying the practice and client identifiers)."""

from __future__ import annotations

from .model import SampleNote, d, dt, exemplary, t

# file name -> (layout, note)
NOTES = (
    ("paragraphs", SampleNote(
        key="brightwater-2025-02-11",
        client="brightwater", clinician="merriweather", dos=d("2025-02-11"),
        start=t("17:00"), end=t("17:55"), cpt="90837",
        signed_at=dt("2025-02-11 21:10"), cosigned_at=dt("2025-02-13 08:30"),
        sections=(
            ("Subjective",
             "Hollis (they/them) brought their diary card: urges to punch the wall rated 4/5 on "
             "Saturday after an argument with their mother about moving back home, urges to "
             "self-harm 0–1/5 all week, no self-harm. They missed two shifts at the bookstore "
             "this week because they “couldn’t face people.” Low mood most days for over two "
             "years; PHQ-9 today 15."),
            ("Objective",
             "Hoodie up for the first half of session, then down. Speech quiet but clear. Affect "
             "restricted, brightened when talking about their cat. Linear thought process."),
            ("Interventions",
             "Chain analysis of Saturday’s argument (vulnerability: three hours of sleep; prompting "
             "event: mother said “you always quit”; links: shame → heat in the face → urge). "
             "Taught DBT distress-tolerance skills: TIPP (cold water on the face, paced breathing "
             "with a longer exhale) and STOP. Practiced paced breathing in session for five "
             "minutes."),
            ("Response",
             "Heart rate on their watch dropped from 104 to 82 during the breathing practice. "
             "Hollis said, “That’s the first time I’ve felt my body listen to me.” Identified the "
             "three hours of sleep as the link they can most easily change."),
            ("Treatment Plan Progress",
             "Goal 1 (use a distress-tolerance skill before acting on urges, 5 of 7 days): used "
             "a skill on 1 of 7 days so far — skills only taught today. Goal 2 (calm weekly "
             "conversation with parents): 0 this week."),
            ("Risk",
             "Denies current SI, intent or plan. Last self-harm (scratching) in 2022. Denies HI. "
             "Diary card urges 0–1/5."),
            ("Plan",
             "Diary card daily with skills column; practice TIPP with an ice pack at the first "
             "sign of an urge; sleep by 1 AM on work nights. Next session 02/18/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary associate note (DBT chain analysis, TIPP/STOP, diary card, "
                  "co-signed by supervisor within two days).",
    )),
    ("table", SampleNote(
        key="brightwater-2025-06-03",
        client="brightwater", clinician="merriweather", dos=d("2025-06-03"),
        start=t("17:00"), end=t("17:53"), cpt="90837",
        signed_at=dt("2025-06-04 09:40"), cosigned_at=dt("2025-06-05 12:15"),
        sections=(
            ("Subjective",
             "Hollis’s roommate is moving out at the end of June and they cannot cover the rent "
             "alone. Sleeping until noon on days off, skipped meals twice. They said, “Some "
             "nights I wish I could just go to sleep and not wake up.” Diary card shows urges "
             "to self-harm 2/5 on two days."),
            ("Interventions",
             "DBT interpersonal effectiveness: wrote a DEAR MAN script for asking their parents "
             "for help with one month’s rent and role-played it twice, with me playing their "
             "father. Reviewed which distress-tolerance skills worked this week (cold water yes, "
             "distraction no)."),
            ("Response",
             "The second role-play was steadier; they kept the “Describe” part factual and did "
             "not apologize. Decided to send the request by text first, then call."),
            ("Treatment Plan Progress",
             "Goal 2 / Objective 2b (DEAR MAN request weekly): script drafted, first real request "
             "planned. Goal 1: skills used on 4 of 7 days."),
            ("Plan", "Send the text to parents by Friday. Next session 06/10/2025."),
        ),
        expect={"risk_assessment": "fail", "interventions": "pass", "signature": "pass"},
        situation="Passive SI (\"wish I could just go to sleep and not wake up\") and self-harm "
                  "urges with NO risk assessment or safety plan.",
    )),
    ("table", SampleNote(
        key="kingsleyvane-2025-03-25",
        client="kingsleyvane", clinician="merriweather", dos=d("2025-03-25"),
        start=t("11:00"), end=t("11:50"), cpt="90834",
        signed_at=dt("2025-03-25 16:20"), cosigned_at=dt("2025-03-26 10:05"),
        sections=(
            ("Subjective",
             "Odessa was laid off in January after 22 years at the Fairhollow print works. "
             "Reports crying in the shower, checking job listings “until two in the morning,” "
             "and snapping at her husband, who “keeps fixing instead of listening.” Skipped her "
             "sister’s birthday dinner. GAD-7 13, PHQ-9 12."),
            ("Interventions",
             "Narrative therapy: externalized the problem as “the Pink Slip Voice” and mapped its "
             "effects on her marriage and sleep. Asked the miracle question (solution-focused) "
             "to identify what a better Tuesday would look like."),
            ("Response",
             "Named the voice’s favorite line (“you’re obsolete”) and laughed when she caught "
             "herself arguing with it. Her better Tuesday: coffee on the porch with her husband, "
             "two job applications by noon, a walk with her sister."),
            ("Assessment",
             "Adjustment disorder with mixed anxiety and depressed mood (F43.23) following job "
             "loss, affecting sleep and family relationships."),
            ("Risk", "Denies SI/HI."),
            ("Plan",
             "Job search limited to before 9 PM; porch coffee three mornings. Next session "
             "04/08/2025."),
        ),
        expect={"treatment_plan_current": "fail", "interventions": "pass"},
        situation="Client with NO treatment plan at all (no rows in plans.csv).",
    )),
    ("header_footer", SampleNote(
        key="calloway-2025-04-08",
        client="calloway", clinician="merriweather", dos=d("2025-04-08"),
        start=t("15:00"), end=t("15:45"), cpt="90834",
        signed_at=dt("2025-04-08 19:30"), cosigned_at=dt("2025-04-09 08:55"),
        sections=(
            ("Subjective",
             "Juno, 20, had four panic attacks this week (two in the campus parking lot), each "
             "about ten minutes with chest pressure and “the floor tilting.” Has not attended "
             "in-person classes since February and is watching lectures online."),
            ("Interventions",
             "Interoceptive exposure: spinning in the office chair for 30 seconds and breathing "
             "through a thin straw for 60 seconds, three trials each, rating fear and similarity "
             "to panic. Paced breathing (4 in, 6 out) between trials. Reviewed her panic log."),
            ("Response",
             "Fear during straw breathing dropped from 8/10 on the first trial to 4/10 on the "
             "third. She said, “It’s the same feeling, it just didn’t go anywhere.”"),
            ("Treatment Plan Progress",
             "Goal 1 (fewer than 2 panic attacks a week): 4 this week, down from daily in "
             "March. Objective 1a: practiced breathing 5 of 7 days."),
            ("Risk", "Denies SI/HI."),
            ("Plan",
             "Straw breathing daily, panic log. Walk from the parking lot to the library once "
             "before next session 04/22/2025."),
        ),
        expect={"treatment_plan_current": "fail", "interventions": "pass", "signature": "pass"},
        situation="Client's treatment plan exists but was never signed (Signed = No).",
    )),
    ("table", SampleNote(
        key="calloway-2025-08-19",
        client="calloway", clinician="merriweather", dos=d("2025-08-19"),
        start=t("15:00"), end=t("15:46"), cpt="90834",
        signed_at=None,
        sections=(
            ("Subjective",
             "Juno registered for two in-person classes this fall. One panic attack in the past "
             "two weeks, at the campus bookstore; she stayed until it passed."),
            ("Interventions",
             "Planned in-vivo exposure for the first week of classes (arrive early, sit in the "
             "middle row, stay the full period); cognitive restructuring of “everyone will see "
             "me panic.”"),
            ("Response", "Rated the middle-row step 6/10 and chose to try it on day two."),
            ("Treatment Plan Progress", "Goal 2 (return to in-person classes): enrolled."),
            ("Risk", "Denies SI/HI."),
            ("Plan", "Exposure plan for week one. Next session 09/02/2025."),
        ),
        expect={"signature": "fail"},
        situation="Unsigned note (draft; no signature or co-signature) that was billed.",
    )),
    ("paragraphs", SampleNote(
        key="brightwater-2025-09-16",
        client="brightwater", clinician="merriweather", dos=d("2025-09-16"),
        start=t("15:00"), end=t("15:55"), cpt="90837",
        signed_at=dt("2025-09-16 20:05"), cosigned_at=dt("2025-09-18 09:00"),
        sections=(
            ("Subjective",
             "Hollis received a rejection from the library-science program they applied to. "
             "Spent the weekend in bed and cancelled on a friend. Diary card: sadness 4/5, urges "
             "to self-harm 1/5, no self-harm. PHQ-9: 13."),
            ("Interventions",
             "DBT emotion regulation: checked the facts on “I’ll never get in anywhere” and "
             "planned opposite action to withdrawal (shower, get dressed, text the friend to "
             "reschedule). Validated disappointment before problem solving."),
            ("Response",
             "Hollis texted the friend during session and rescheduled for Thursday. “I hate that "
             "this works.”"),
            ("Treatment Plan Progress",
             "Goal 1: skills before acting on urges 6 of 7 days (target 5). Goal 2: one calm "
             "call with their father this week."),
            ("Risk", "Denies SI, intent or plan; urges 1/5 without action. Denies HI."),
            ("Plan", "Opposite action daily; ask the program for feedback. Next session "
             "09/23/2025."),
        ),
        expect={"interventions": "pass", "time_documented": "pass"},
        situation="Impossible day: overlaps 3:30-3:55 PM with the Kingsley-Vane session "
                  "the same afternoon (same clinician).",
    )),
    ("table", SampleNote(
        key="kingsleyvane-2025-09-16",
        client="kingsleyvane", clinician="merriweather", dos=d("2025-09-16"),
        start=t("15:30"), end=t("16:20"), cpt="90834",
        signed_at=dt("2025-09-16 20:40"), cosigned_at=dt("2025-09-18 09:05"),
        sections=(
            ("Subjective",
             "Odessa started part-time at the county library two weeks ago. Sleeping better; "
             "worries that her husband “liked me better when I needed him.”"),
            ("Interventions",
             "Circular questions about how the couple’s roles shifted since the job loss; "
             "re-authoring her story from “obsolete” to “retooling.”"),
            ("Response", "Said the new story “fits better than the old one,” and wants to invite "
             "her husband to a session."),
            ("Risk", "Denies SI/HI."),
            ("Plan", "Invite husband for a conjoint session. Next session 09/30/2025."),
        ),
        expect={"treatment_plan_current": "fail"},
        situation="Impossible day: overlaps 3:30-3:55 PM with the Brightwater session (same "
                  "clinician). Client still has no treatment plan.",
    )),
)
