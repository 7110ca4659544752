"""Cloned notes: a note whose narrative is a near-copy of another note of the same client
(copy-forward) or of the same clinician's notes for other clients (a pasted template).

Payers treat cloned documentation as unsupported (criteria.md §1C `not_cloned`: NGS [P]
https://www.ngsmedicare.com/web/ngs/documentation?selectedArticleId=1459133; IBX [P]
https://provcomm.ibx.com/archive-ibc/Archive/Pages/9B9CA0B981A1322D852584A500462998.aspx;
CMS EHR guidance: changing only the date is not enough [S]).

What is compared is the narrative only. Headers and labeled fields ("Client: …", "Date: …"),
signature lines, checkbox grids and mental-status-exam boilerplate are dropped, and dates,
times, numbers and the note's own client/clinician names are removed from what remains: two
notes that share an MSE block or a checkbox grid but tell different sessions are not clones;
two notes whose story is the same are, whatever their dates and names.

Similarity is TF-IDF cosine (hashed word 1-2-grams, so the vocabulary never grows with the
practice) computed only WITHIN blocks: each client's notes (copy-forward) and each clinician's
notes (templates across clients); notes with neither are blocked by source file. Cost grows
with block size, not with the square of the practice, and each block's similarity product is
computed in row chunks that keep only pairs at or above the threshold, so a clinician with
5,000 notes never holds a 5,000 x 5,000 matrix. Pairs above the threshold are joined into
groups (connected components). A group's `similarity` is the MEAN pairwise cosine over all of
its members (exact, from the sum of the members' unit vectors).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer, TfidfTransformer

from auditready.crossnote.identity import clinician_key, normalize_id, person_key
from auditready.crossnote.sentences import join_wrapped, sentences_in
from auditready.models import CloneGroup, Note, Span

HASH_FEATURES = 2**20
# A chunk of the similarity product holds at most this many (row, column) cells; at 12 bytes a
# cell that bounds one chunk to ~50 MB whatever the block size.
CHUNK_CELLS = 4_000_000
FIELD_VALUE_MAX_WORDS = 6  # "Mood: euthymic", "Client: Jane Doe" are fields, not narrative
SENTENCE_MIN_WORDS = 3
SENTENCE_MATCH_JACCARD = 0.8  # a sentence with a word or two changed still counts as shared

CLIENT_SCOPE, CLINICIAN_SCOPE, MIXED_SCOPE = "client", "clinician", "mixed"

# Checkbox glyphs and bracket boxes of EHR templates ("☒ Anxious  ☐ Depressed", "[x] CBT").
_CHECKBOX = re.compile(r"[☐☑☒✓✔✗✘■□◻◼▢⬜⬛]|\[\s*[xX✓✔ ]?\s*\]|\(\s*[xX✓✔]?\s*\)")
_SIGNATURE_LINE = re.compile(
    r"^\s*(electronically|digitally|e-?)\s*signed|^\s*signed\b|^\s*/s/|signature\s*:|"
    r"^\s*(co-?signed|reviewed and signed|supervisor)\b",
    re.I,
)
# Mental status exam: section headers and the labels/terms its boilerplate is made of.
_MSE_HEADER = re.compile(r"^\s*(mental\s+status(\s+exam(ination)?)?|mse)\s*:?\s*$", re.I)
_MSE_LABELS = frozenset(
    """appearance behavior behaviour attitude speech mood affect thoughtprocess thoughtcontent
    perception perceptions perceptualdisturbances cognition orientation oriented memory attention
    concentration insight judgment judgement motoractivity psychomotor eyecontact sensorium
    hallucinations delusions suicidalideation homicidalideation si hi sihi risk levelofconsciousness
    consciousness alertness grooming hygiene fundofknowledge intellect intelligence impulsecontrol
    reliability thoughts""".split()
)
_MSE_TERMS = frozenset(
    """alert oriented orientation groomed grooming hygiene dressed appearance appropriate
    appropriately cooperative calm pleasant euthymic dysthymic anxious depressed irritable
    affect mood congruent incongruent constricted blunted flat labile broad full range
    speech rate rhythm volume tone normal regular spontaneous pressured thought process
    linear logical goal directed tangential circumstantial content perceptual hallucinations
    delusions paranoia ideation suicidal homicidal denies si hi insight judgment judgement fair
    good poor intact memory concentration attention eye contact psychomotor agitation
    retardation unremarkable wnl within limits person place time situation""".split()
)
_MSE_SENTENCE_MIN_TERMS = 4
_MSE_SENTENCE_SHARE = 0.6
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z0-9 /&()#'’-]{0,40}?)\s*:\s*(?P<value>.*)$")

# Words that change from one visit to the next without changing the story (lowercase).
_CALENDAR_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thurs fri sat sun today yesterday tomorrow tonight"
).split()
_CALENDAR = re.compile(r"\b(?:" + "|".join(sorted(_CALENDAR_WORDS, key=len, reverse=True)) + r")\b")
# Dates, times, scores, counts: "03/14/2024", "10:02 am", "7/10", "x3".
_NUMBERS = re.compile(r"\d[\d/.:\-]*(?:\s?[ap]\.?m\b\.?)?")
_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)
_WORD = re.compile(r"[^\W\d_]+")  # letters of any script, lowercased by the caller
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NON_LETTERS = re.compile(r"[^a-z]+")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


@dataclass(slots=True)
class NarrativeSentence:
    start: int
    end: int
    normalized: str


@dataclass(slots=True)
class Narrative:
    sentences: list[NarrativeSentence]
    words: int

    @property
    def text(self) -> str:
        return " ".join(s.normalized for s in self.sentences)


def _segments(text: str) -> Iterable[tuple[int, int]]:
    """Non-blank lines, and the cells of tab-separated table rows (DOCX tables), as ranges."""
    for match in re.finditer(r"[^\n]+", text):
        offset = match.start()
        for cell in re.finditer(r"[^\t]+", match.group(0)):
            raw = cell.group(0)
            stripped = raw.strip()
            if stripped:
                start = offset + cell.start() + raw.index(stripped)
                yield start, start + len(stripped)


def _is_mse_label(label: str) -> bool:
    return _NON_LETTERS.sub("", label.lower()) in _MSE_LABELS


def _is_mse_sentence(words: Sequence[str]) -> bool:
    content = [w for w in words if w not in _STOP_WORDS or w in _MSE_TERMS]
    hits = sum(1 for w in content if w in _MSE_TERMS)
    return hits >= _MSE_SENTENCE_MIN_TERMS and hits >= _MSE_SENTENCE_SHARE * max(1, len(content))


def _names_pattern(note: Note) -> re.Pattern[str] | None:
    names = set()
    for field_name in ("client", "clinician", "signer"):
        value = note.value(field_name)
        if isinstance(value, str):
            names.update(t for t in _NAME_TOKEN.findall(value) if len(t) >= 2)
    names -= {"Dr", "Mr", "Mrs", "Ms"}
    if not names:
        return None
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"\b({alternatives})('s)?\b", re.I)


def narrative_of(note: Note) -> Narrative:
    """The note's narrative sentences with their offsets, normalized for comparison."""
    text = note.text
    kept: list[tuple[int, int]] = []
    in_mse = False
    for start, end in _segments(text):
        segment = text[start:end]
        if _MSE_HEADER.match(segment):
            in_mse = True
            continue
        if _CHECKBOX.search(segment) or _SIGNATURE_LINE.search(segment):
            continue
        label = _LABEL.match(segment)
        if label:
            value = label.group("value").strip()
            if _is_mse_label(label.group("label")):
                in_mse = True
                continue
            in_mse = False
            if len(value.split()) <= FIELD_VALUE_MAX_WORDS:
                continue  # a labeled field (header, vitals, codes), not narrative
            start = start + label.start("value")
        elif in_mse and len(segment.split()) <= FIELD_VALUE_MAX_WORDS:
            continue  # a short line inside the MSE block
        else:
            in_mse = False
        kept.append((start, end))
    # Names, dates, times and numbers are blanked out with spaces of the same length, once
    # for the whole text, so sentence offsets stay valid in the masked copy.
    masked = text.lower()
    if len(masked) != len(text):  # a few characters lowercase to two ("İ"): keep offsets aligned
        masked = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    names = _names_pattern(note)
    if names is not None:
        masked = names.sub(_blank, masked)
    masked = _NUMBERS.sub(_blank, _CALENDAR.sub(_blank, masked))
    found: list[NarrativeSentence] = []
    words = 0
    for block_start, block_end in join_wrapped(text, kept):
        for start, end in sentences_in(text, block_start, block_end):
            tokens = _WORD.findall(masked, start, end)
            if len(tokens) < SENTENCE_MIN_WORDS or _is_mse_sentence(tokens):
                continue
            found.append(NarrativeSentence(start, end, " ".join(tokens)))
            words += len(tokens)
    return Narrative(found, words)


# ------------------------------------------------------------------------------ similarity


def _vectorize(texts: Sequence[str]) -> sp.csr_matrix:
    hashing = HashingVectorizer(
        n_features=HASH_FEATURES,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
        stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
        lowercase=False,
        dtype=np.float32,
    )
    counts = hashing.transform(texts)
    tfidf = TfidfTransformer(sublinear_tf=True, norm="l2").fit_transform(counts)
    return sp.csr_matrix(tfidf, dtype=np.float32)


def similar_pairs(
    matrix: sp.csr_matrix, rows: np.ndarray, threshold: float, best: np.ndarray
) -> Iterable[tuple[int, int, float]]:
    """Pairs (global row i < j, cosine) within one block at or above the threshold. The block's
    product is taken CHUNK rows at a time; `best` (per global row) keeps each row's highest
    similarity to any other row of any block."""
    block = matrix[rows]
    block_t = block.T.tocsr()  # CSR on both sides: scipy would convert a CSC operand per chunk
    size = len(rows)
    chunk = max(1, min(size, CHUNK_CELLS // max(1, size)))
    for first in range(0, size, chunk):
        last = min(size, first + chunk)
        product = (block[first:last] @ block_t).tocoo()  # row-major order, rows ascending
        local_rows = product.row + first
        off_diagonal = local_rows != product.col
        values = product.data[off_diagonal]
        left, right = local_rows[off_diagonal], product.col[off_diagonal]
        if values.size:
            # Highest similarity per row of this chunk (each row appears once per chunk).
            starts = np.flatnonzero(np.r_[True, left[1:] != left[:-1]])
            targets = rows[left[starts]]
            best[targets] = np.maximum(best[targets], np.maximum.reduceat(values, starts))
        keep = (values >= threshold) & (left < right)
        for i, j, value in zip(rows[left[keep]], rows[right[keep]], values[keep]):
            yield int(i), int(j), float(value)


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


# ---------------------------------------------------------------------------- shared passage


def _terms(sentence: NarrativeSentence) -> frozenset[str]:
    return frozenset(t for t in sentence.normalized.split() if t not in _STOP_WORDS and len(t) > 1)


def longest_shared_run(
    a: Sequence[NarrativeSentence], b: Sequence[NarrativeSentence]
) -> tuple[int, int, int]:
    """(start in a, start in b, length) of the longest run of consecutive matching sentences:
    equal after normalization, or with a word or two changed (term Jaccard >= 0.8)."""
    terms_a, terms_b = [_terms(s) for s in a], [_terms(s) for s in b]

    def same(i: int, j: int) -> bool:
        if a[i].normalized == b[j].normalized:
            return True
        union = terms_a[i] | terms_b[j]
        return bool(union) and len(terms_a[i] & terms_b[j]) / len(union) >= SENTENCE_MATCH_JACCARD

    best = (0, 0, 0)
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if same(i - 1, j - 1):
                current[j] = previous[j - 1] + 1
                if current[j] > best[2]:
                    best = (i - current[j], j - current[j], current[j])
        previous = current
    return best


def _span(note: Note, sentences: Sequence[NarrativeSentence], first: int, length: int) -> Span:
    start, end = sentences[first].start, sentences[first + length - 1].end
    return Span(start, end, note.text[start:end])


# --------------------------------------------------------------------------------- result


@dataclass(slots=True)
class CloneDetection:
    groups: list[CloneGroup] = field(default_factory=list)
    group_of: dict[str, int] = field(default_factory=dict)  # note id -> index in groups
    passage: dict[str, Span] = field(default_factory=dict)  # note id -> its shared passage
    best_similarity: dict[str, float] = field(default_factory=dict)  # compared notes only
    too_short: dict[str, int] = field(default_factory=dict)  # note id -> narrative words


def _param(params: object, name: str) -> object:
    if isinstance(params, Mapping):
        return params[name]
    return getattr(params, name)


def find_clones(notes: Sequence[Note], params: object) -> list[CloneGroup]:
    """Clone groups among `notes` (pack params: `threshold`, `min_words`)."""
    return detect_clones(notes, float(_param(params, "threshold")), int(_param(params, "min_words"))).groups


def _client_block_key(note: Note) -> str:
    client_id = normalize_id(note.value("client_id"))
    return f"id:{client_id}" if client_id else person_key(note.value("client"))


def _blocks(notes: Sequence[Note], eligible: Sequence[int]) -> dict[str, list[int]]:
    """Block key -> rows: each client's notes, each clinician's notes, and (for notes naming no
    client) the notes split from one source file."""
    blocks: dict[str, list[int]] = {}
    for row, index in enumerate(eligible):
        note = notes[index]
        client = _client_block_key(note)
        clinician = clinician_key(note.value("clinician") or note.value("signer"))
        if client:
            blocks.setdefault(f"client:{client}", []).append(row)
        else:
            blocks.setdefault(f"source:{note.source.path}", []).append(row)
        if clinician:
            blocks.setdefault(f"clinician:{clinician}", []).append(row)
    return blocks


def _scope(members: Sequence[Note]) -> str:
    clients = {_client_block_key(n) for n in members}
    if len(clients) == 1 and "" not in clients:
        return CLIENT_SCOPE
    clinicians = {clinician_key(n.value("clinician") or n.value("signer")) for n in members}
    if len(clinicians) == 1 and "" not in clinicians:
        return CLINICIAN_SCOPE
    return MIXED_SCOPE


def comparison_text(note: Note) -> tuple[str, int]:
    """What clone detection compares for `note`: its normalized narrative and that narrative's
    word count. It depends on the note alone, so a scan computes it where the note is read (in
    a worker process) and hands it to detect_clones through `narratives`."""
    narrative = narrative_of(note)
    return narrative.text, narrative.words


def detect_clones(
    notes: Sequence[Note],
    threshold: float,
    min_words: int,
    narratives: MutableMapping[str, tuple[str, int]] | None = None,
) -> CloneDetection:
    """Clone groups with each member's shared passage and each compared note's best match.

    Only each note's normalized narrative text is kept while the corpus is compared; the
    sentences (with offsets) are rebuilt for the few notes that end up in a group.
    `narratives` (note id -> comparison_text(note)) may hold what was computed already; the
    entries used are removed from it, so the texts are freed once they are vectorized."""
    detection = CloneDetection()
    eligible: list[int] = []
    texts: list[str] = []
    for index, note in enumerate(notes):
        known = narratives.pop(note.id, None) if narratives is not None else None
        text, words = known if known is not None else comparison_text(note)
        if words >= min_words:
            eligible.append(index)
            texts.append(text)
        else:
            detection.too_short[note.id] = words
    if len(eligible) < 2:
        for index in eligible:
            detection.best_similarity[notes[index].id] = 0.0
        return detection
    matrix = _vectorize(texts)
    del texts
    best = np.zeros(len(eligible), dtype=np.float32)
    union = _UnionFind(len(eligible))
    degree = np.zeros(len(eligible), dtype=np.int64)
    seen_pairs: set[tuple[int, int]] = set()
    for rows in _blocks(notes, eligible).values():
        if len(rows) < 2:
            continue
        for i, j, _value in similar_pairs(matrix, np.asarray(rows, dtype=np.int64), threshold, best):
            if (i, j) in seen_pairs:
                continue
            seen_pairs.add((i, j))
            union.union(i, j)
            degree[i] += 1
            degree[j] += 1
    for row, index in enumerate(eligible):
        detection.best_similarity[notes[index].id] = round(float(min(best[row], 1.0)), 4)
    components: dict[int, list[int]] = {}
    for row in range(len(eligible)):
        if degree[row]:
            components.setdefault(union.find(row), []).append(row)
    for rows in sorted(components.values(), key=lambda r: r[0]):
        _add_group(detection, notes, eligible, matrix, rows, degree)
    return detection


def _add_group(
    detection: CloneDetection,
    notes: Sequence[Note],
    eligible: Sequence[int],
    matrix: sp.csr_matrix,
    rows: Sequence[int],
    degree: np.ndarray,
) -> None:
    size = len(rows)
    summed = np.asarray(matrix[list(rows)].sum(axis=0)).ravel()
    mean_similarity = float((summed @ summed - size) / (size * (size - 1)))
    members = [notes[eligible[row]] for row in rows]
    sentences = {row: narrative_of(notes[eligible[row]]).sentences for row in rows}
    reference_row = max(rows, key=lambda row: (degree[row], -row))
    reference = notes[eligible[reference_row]]
    reference_sentences = sentences[reference_row]
    group_index = len(detection.groups)
    common = (0, len(reference_sentences))  # reference sentences shared by every member
    longest = (0, 0)  # reference run (start, length) shared with some member
    for row in rows:
        if row == reference_row:
            continue
        note = notes[eligible[row]]
        own = sentences[row]
        ref_start, own_start, length = longest_shared_run(reference_sentences, own)
        if length:
            detection.passage[note.id] = _span(note, own, own_start, length)
            common = (max(common[0], ref_start), min(common[1], ref_start + length))
            if length > longest[1]:
                longest = (ref_start, length)
        else:
            # Same words, rearranged or edited sentence by sentence: the narrative as a whole.
            detection.passage[note.id] = _span(note, own, 0, len(own))
            common = (0, 0)
        detection.group_of[note.id] = group_index
    if common[1] > common[0]:
        shared_start, shared_length = common[0], common[1] - common[0]
    elif longest[1]:
        shared_start, shared_length = longest
    else:
        shared_start, shared_length = 0, len(reference_sentences)
    reference_span = _span(reference, reference_sentences, shared_start, shared_length)
    detection.passage[reference.id] = reference_span
    detection.group_of[reference.id] = group_index
    detection.groups.append(
        CloneGroup(
            notes=[note.id for note in members],
            similarity=round(min(mean_similarity, 1.0), 4),
            shared_passage=reference_span.text,
            scope=_scope(members),
        )
    )
