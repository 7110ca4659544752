"""PDF reading with both engines: pages and locators, encryption, scans, damage, limits.

fpdf2 wraps long lines, so phrases are compared with whitespace collapsed."""

from __future__ import annotations


def test_one_part_per_page_with_1_based_page_numbers(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4), make.note_text("Ben Okafor", 5)])
    record, document = make.read_one(tmp_path, "chart.pdf", data, pdf_engine=pdf_engine)
    assert (record.status, record.format, record.reason) == ("parsed", "pdf", "")
    assert record.size == len(data) and len(record.sha256) == 64
    assert document.path == "chart.pdf" and document.format == "pdf" and not document.tabular
    assert [part.page for part in document.parts] == [1, 2]
    assert "Client: Ana Diaz" in document.parts[0].text
    assert "Client: Ben Okafor" in document.parts[1].text
    assert "Ben Okafor" not in document.parts[0].text
    assert "\r" not in document.parts[0].text
    assert "Date of Service: 03/05/2024" in document.parts[1].text.splitlines()


def test_encrypted_pdf_needs_password_and_opens_with_it(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4)], owner_password="owner-pw", user_password="open-me")
    record, document = make.read_one(tmp_path, "locked.pdf", data, pdf_engine=pdf_engine)
    assert record.status == "error" and document is None
    assert "encrypted PDF" in record.reason
    assert "without a password" in record.reason and "--pdf-password" in record.reason

    record, document = make.read_one(tmp_path, "locked.pdf", data, pdf_engine=pdf_engine, pdf_password="open-me")
    assert record.status == "parsed"
    assert "Client: Ana Diaz" in document.parts[0].text

    record, _ = make.read_one(tmp_path, "locked.pdf", data, pdf_engine=pdf_engine, pdf_password="wrong")
    assert record.status == "error"
    assert "password given with --pdf-password does not open it" in record.reason


def test_owner_password_only_pdf_reads_without_a_password(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4)], owner_password="owner-only")
    record, document = make.read_one(tmp_path, "restricted.pdf", data, pdf_engine=pdf_engine)
    assert record.status == "parsed"
    assert "Practiced paced breathing" in " ".join(document.parts[0].text.split())


def test_image_only_pdf_has_no_text_layer(tmp_path, make, pdf_engine):
    data = make.pdf(["", ""], image_pages=(1, 2))
    record, document = make.read_one(tmp_path, "scan.pdf", data, pdf_engine=pdf_engine)
    assert record.status == "error" and document is None
    assert "no text layer" in record.reason and "scanned" in record.reason and "OCR" in record.reason


def test_partly_scanned_pdf_is_parsed_and_names_the_scanned_page(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4), "", make.note_text("Ana Diaz", 11)], image_pages=(2,))
    record, document = make.read_one(tmp_path, "mixed.pdf", data, pdf_engine=pdf_engine)
    assert record.status == "parsed"
    assert "page 2: no text layer" in record.reason and "OCR" in record.reason
    assert [part.page for part in document.parts] == [1, 2, 3]
    assert document.parts[1].text.strip() == ""


def test_blank_page_between_notes_is_not_called_a_scan(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4), "", make.note_text("Ana Diaz", 11)])
    record, document = make.read_one(tmp_path, "blank-page.pdf", data, pdf_engine=pdf_engine)
    assert (record.status, record.reason) == ("parsed", "")
    assert len(document.parts) == 3


def test_truncated_pdf_is_corrupt(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4), make.note_text("Ana Diaz", 11)])
    record, document = make.read_one(tmp_path, "cut.pdf", data[: len(data) // 2], pdf_engine=pdf_engine)
    assert record.status == "error" and document is None
    assert "corrupt or truncated PDF" in record.reason
    assert "Ana Diaz" not in record.reason


def test_html_saved_as_pdf_is_named_for_what_it_is(tmp_path, make, pdf_engine):
    page = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Session expired</body></html>"
    record, _ = make.read_one(tmp_path, "note.pdf", page, pdf_engine=pdf_engine)
    assert record.status == "error"
    assert "not a PDF" in record.reason and "HTML page" in record.reason


def test_pdf_over_the_page_limit_is_refused(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", day) for day in (4, 11, 18)])
    record, _ = make.read_one(tmp_path, "long.pdf", data, pdf_engine=pdf_engine, max_pdf_pages=2)
    assert record.status == "error"
    assert "3 pages" in record.reason and "limit of 2" in record.reason


def test_both_engines_read_the_same_words(tmp_path, make):
    data = make.pdf([make.note_text("Ana Diaz", 4)])
    _, fast = make.read_one(tmp_path, "a.pdf", data, pdf_engine="pypdfium2")
    _, layout = make.read_one(tmp_path, "a.pdf", data, pdf_engine="pdfplumber")
    assert fast.parts[0].text.split() == layout.parts[0].text.split()


def test_pdf_missing_its_end_is_read_with_a_warning(tmp_path, make, pdf_engine):
    data = make.pdf([make.note_text("Ana Diaz", 4), make.note_text("Ana Diaz", 11)])
    cut = data[: data.rindex(b"startxref")]  # the xref pointer and %%EOF are gone; objects remain
    record, document = make.read_one(tmp_path, "cut-end.pdf", cut, pdf_engine=pdf_engine)
    assert record.status == "parsed"
    assert "looks truncated" in record.reason
    assert [part.page for part in document.parts] == [1, 2]
