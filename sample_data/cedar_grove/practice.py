"""People and payers of the fictional Cedar Grove Counseling.

Every name, date of birth and phone number is invented. Phone numbers use the 555-01xx range
reserved for fiction; the town of Fairhollow, Oregon, where clients join video sessions from, is
invented too.
"""

from __future__ import annotations

from dataclasses import dataclass

PRACTICE = "Cedar Grove Counseling"
PHONE = "(541) 555-0142"


@dataclass(frozen=True)
class Clinician:
    key: str
    first: str
    last: str
    credentials: str
    supervisor: str | None = None  # key of the supervising clinician

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def signed_name(self) -> str:
        return f"{self.first} {self.last}, {self.credentials}"


@dataclass(frozen=True)
class Client:
    key: str
    first: str
    last: str
    dob: str  # MM/DD/YYYY, as the exports print it
    client_id: str  # zero-padded chart number
    diagnosis_code: str
    diagnosis_text: str
    clinician: str
    payer: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def last_first(self) -> str:
        return f"{self.last}, {self.first}"

    @property
    def diagnosis(self) -> str:
        return f"{self.diagnosis_code} {self.diagnosis_text}"


CLINICIANS = {
    c.key: c
    for c in (
        Clinician("ashcombe", "Juniper", "Ashcombe", "LCSW"),
        Clinician("fenwick", "Dorian", "Fenwick", "LPC"),
        Clinician("whitlock", "Imogen", "Whitlock", "PsyD"),
        # A registered associate (pre-licensed) whose notes the PsyD reviews and co-signs.
        Clinician("merriweather", "Caspian", "Merriweather", "AMFT", supervisor="whitlock"),
    )
}

CLIENTS = {
    c.key: c
    for c in (
        Client("quill", "Aurelia", "Quill", "03/14/1988", "00412", "F33.1",
               "Major depressive disorder, recurrent, moderate", "ashcombe", "Optum"),
        Client("larkspur", "Bennett", "Larkspur", "11/02/1979", "00418", "F41.1",
               "Generalized anxiety disorder", "ashcombe", "Lakeshore Health Plan"),
        Client("fairhaven", "Rosalind", "Fairhaven", "06/30/1995", "00427", "F43.10",
               "Post-traumatic stress disorder, unspecified", "whitlock", "Optum"),
        Client("wrenfield", "Tobias", "Wrenfield", "01/19/2001", "00433", "F32.1",
               "Major depressive disorder, single episode, moderate", "fenwick", "Optum"),
        Client("marchbank", "Delphine", "Marchbank", "09/05/1983", "00439", "F41.1",
               "Generalized anxiety disorder", "fenwick", "Pinecrest Mutual"),
        Client("thistlewood", "Ezra", "Thistlewood", "04/22/1990", "00441", "F43.23",
               "Adjustment disorder with mixed anxiety and depressed mood", "fenwick", "Optum"),
        Client("brightwater", "Hollis", "Brightwater", "12/08/1998", "00456", "F34.1",
               "Dysthymic disorder", "merriweather", "Lakeshore Health Plan"),
        Client("kingsleyvane", "Odessa", "Kingsley-Vane", "02/27/1972", "00462", "F43.23",
               "Adjustment disorder with mixed anxiety and depressed mood", "merriweather",
               "Pinecrest Mutual"),
        Client("ashdown", "Percival", "Ashdown", "07/15/1966", "00470", "F10.20",
               "Alcohol use disorder, moderate", "fenwick", "Optum"),
        Client("calloway", "Juno", "Calloway", "10/11/2004", "00475", "F41.0",
               "Panic disorder", "merriweather", "Lakeshore Health Plan"),
        Client("beaumontorr", "Silas", "Beaumont-Orr", "05/03/1986", "00481", "F43.22",
               "Adjustment disorder with anxiety", "fenwick", "Pinecrest Mutual"),
        Client("crane", "Wilhelmina", "Crane", "08/18/1959", "00488", "F33.0",
               "Major depressive disorder, recurrent, mild", "fenwick", "Optum"),
        Client("esterhazy", "Marigold", "Esterhazy", "03/03/1993", "00493", "F40.10",
               "Social anxiety disorder", "fenwick", "Lakeshore Health Plan"),
    )
}

SERVICE_NAMES = {
    "90791": "Psychiatric diagnostic evaluation",
    "90832": "Psychotherapy, 30 min",
    "90834": "Psychotherapy, 45 min",
    "90837": "Psychotherapy, 60 min",
}

# The practice's charge per code (what it bills every payer).
CHARGES = {"90791": 260.00, "90832": 115.00, "90834": 165.00, "90837": 210.00}

# Contracted allowed amounts per payer and code, and the member copay the payer subtracts.
# Invented, but in the range commercial and Optum plans pay (90837 paid about $150-$170).
ALLOWED = {
    "Optum": {"90791": 186.40, "90832": 84.30, "90834": 118.90, "90837": 172.80},
    "Lakeshore Health Plan": {"90791": 192.00, "90832": 88.60, "90834": 126.75, "90837": 181.40},
    "Pinecrest Mutual": {"90791": 175.50, "90832": 80.10, "90834": 115.20, "90837": 168.00},
}
COPAY = {"Optum": 20.00, "Lakeshore Health Plan": 15.00, "Pinecrest Mutual": 10.00}

# Billing and clearinghouse exports differ: one keeps chart numbers zero-padded, others strip them.
PAYERS_STRIPPING_ZEROS = frozenset({"Lakeshore Health Plan", "Pinecrest Mutual"})
