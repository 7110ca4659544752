"""Two of Bennett Larkspur's notes by Juniper Ashcombe, LCSW, exported as plain text (the way a
records clerk copies notes out of an EHR into one .txt file)."""

from __future__ import annotations

from .model import SampleNote, d, dt, exemplary, t

NOTES = (
    SampleNote(
        key="larkspur-2025-06-18",
        client="larkspur", clinician="ashcombe", dos=d("2025-06-18"),
        start=t("14:00"), end=t("14:50"), cpt="90834",
        telehealth=True, location="Telehealth (video), POS 10",
        signed_at=dt("2025-06-18 17:35"),
        sections=(
            ("Telehealth",
             "Video visit on the practice's telehealth platform. Bennett joined from his home in "
             "Fairhollow, Oregon (private room); clinician in the office. Telehealth consent "
             "signed 02/26/2025; he agreed again today to meet by video."),
            ("Subjective",
             "His son's school called about a playground fight and Bennett \"went straight to "
             "worst case\" - expulsion, a record, failing the school year. Worry back up to about "
             "an hour a day for three days, then settled; he missed a design-review deadline "
             "while ruminating. GAD-7: 9."),
            ("Objective", "Visible on camera in his home office; restless hands early, calmer by "
             "the end. Affect anxious, appropriate."),
            ("Interventions",
             "Decatastrophizing with the three-column method (worst, best, most likely) and "
             "probability estimates. Rehearsed the call to the school counselor using the "
             "\"Can I act on this today?\" question."),
            ("Response",
             "Estimated expulsion at 60% before the exercise and under 5% after. \"I turned a "
             "shove at recess into a felony.\" Scheduled the counselor call for Thursday."),
            ("Treatment Plan Progress",
             "Goal 1: GAD-7 10 -> 9; worry window still used daily (Objective 1a). Objective 2b: "
             "hierarchy item 5 (calling the school) done this week."),
            ("Risk", "Denies SI/HI."),
            ("Plan", "Counselor call Thursday; keep the worry window. Next session 07/02/2025 in "
             "the office."),
        ),
        expect=exemplary(telehealth_elements="pass"),
        situation="Telehealth note WITH modality, client location and consent (text export).",
    ),
    SampleNote(
        key="larkspur-2025-07-02",
        client="larkspur", clinician="ashcombe", dos=d("2025-07-02"),
        start=t("14:00"), end=t("14:55"), cpt="90837",
        signed_at=dt("2025-07-03 08:20"),
        sections=(
            ("Subjective",
             "The school counselor call went well; his son had a one-day in-school consequence "
             "and \"forgot about it by dinner.\" Bennett noticed that his own worry dropped the "
             "moment he made the call. He now wants to tackle presentations at work, which he "
             "has avoided for two years. GAD-7: 8."),
            ("Objective", "Engaged, good humor, mild anxiety when presentations came up."),
            ("Interventions",
             "Built the top of the exposure hierarchy for presentations (speaking at a stand-up, "
             "presenting one slide, a ten-minute team presentation) with SUDS ratings. In-session "
             "exposure: gave a three-minute talk on his current project to the clinician while "
             "keeping eye contact; no notes allowed."),
            ("Response",
             "SUDS 65 before, peak 70, 35 after. \"My voice shook for the first minute and then "
             "I forgot to be scared.\""),
            ("Treatment Plan Progress",
             "Goal 1: GAD-7 8, worry about 35 minutes a day (target under 30). Goal 2 / "
             "Objective 2b: hierarchy extended to presentations; item 6 planned."),
            ("Risk", "Denies SI/HI."),
            ("Plan",
             "Speak at Monday's stand-up. Next session 07/16/2025."),
        ),
        expect=exemplary(),
        situation="Exemplary note in a text export; in-session exposure.",
    ),
)
