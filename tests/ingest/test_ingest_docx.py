"""DOCX reading: document order of paragraphs and tables, headers/footers, content controls,
text boxes without duplicates, revisions, and files that are not what their name says."""

from __future__ import annotations


def _ehr_template(make):
    """A note laid out the way EHR templates do it: header/footer, a fields table, content
    controls (block, inline, and around a table row) and a text box with its VML fallback."""
    document = make.docx_document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Harbor Counseling - Client: Ana Diaz - DOB 01/02/1990"
    section.footer.paragraphs[0].text = "Confidential - page footer"
    document.add_paragraph("Progress Note")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Date of Service:"
    table.cell(0, 1).text = "03/04/2024"
    table.cell(1, 0).text = "Clinician:"
    table.cell(1, 1).text = "Dana Reyes, LCSW"
    make.append_body_element(document, make.ooxml(
        '<w:sdt><w:sdtPr><w:alias w:val="Subjective"/><w:tag w:val="subjective"/></w:sdtPr>'
        "<w:sdtContent><w:p><w:r><w:t>Subjective: client slept five hours most nights.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    ))
    make.append_body_element(document, make.ooxml(
        '<w:p><w:r><w:t xml:space="preserve">Intervention: </w:t></w:r>'
        "<w:sdt><w:sdtPr><w:alias w:val=\"Intervention\"/></w:sdtPr><w:sdtContent>"
        "<w:r><w:t>paced breathing</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:del w:id="9" w:author="Dana"><w:r><w:delText>deleted wording</w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve"> and thought records</w:t></w:r></w:p>'
    ))
    make.append_body_element(document, make.ooxml(make.text_box_paragraph(
        "Response:", ["Client rated anxiety 6/10 before and 4/10 after."]
    )))
    make.append_body_element(document, make.ooxml(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>Goal 1</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Reduce avoidance</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>"
        "</w:tbl>"
    ))
    document.add_paragraph("Plan: weekly CBT.")
    return document


def test_ehr_template_reads_everything_once_in_document_order(tmp_path, make):
    data = make.docx(_ehr_template(make))
    record, document = make.read_one(tmp_path, "note.docx", data)
    assert (record.status, record.format, record.reason) == ("parsed", "docx", "")
    assert document.format == "docx" and len(document.parts) == 1
    part = document.parts[0]
    assert part.page is None and part.row is None
    lines = part.text.splitlines()
    assert lines == [
        "Harbor Counseling - Client: Ana Diaz - DOB 01/02/1990",
        "Progress Note",
        "Date of Service:\t03/04/2024",
        "Clinician:\tDana Reyes, LCSW",
        "Subjective: client slept five hours most nights.",
        "Intervention: paced breathing and thought records",
        "Response:",
        "Client rated anxiety 6/10 before and 4/10 after.",
        "Goal 1\tReduce avoidance",
        "Plan: weekly CBT.",
        "Confidential - page footer",
    ]
    assert "deleted wording" not in part.text
    assert part.text.count("Client rated anxiety") == 1  # the VML fallback is not read twice


def test_legacy_vml_text_box_without_alternate_content_is_read(tmp_path, make):
    document = make.docx_document()
    document.add_paragraph("Progress Note")
    make.append_body_element(document, make.ooxml(
        '<w:p><w:r><w:pict><v:shape style="width:100pt;height:40pt"><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Risk: denies SI/HI.</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r></w:p>"
    ))
    _, doc = make.read_one(tmp_path, "vml.docx", make.docx(document))
    assert doc.parts[0].text.splitlines() == ["Progress Note", "", "Risk: denies SI/HI."]


def test_shared_and_first_page_headers_are_read_once(tmp_path, make):
    document = make.docx_document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Client: Ana Diaz"
    section.first_page_header.paragraphs[0].text = "Client: Ana Diaz"
    document.add_paragraph("Session note body.")
    second = document.add_section()
    second.header.is_linked_to_previous = True
    document.add_paragraph("Second section text.")
    _, doc = make.read_one(tmp_path, "sections.docx", make.docx(document))
    assert doc.parts[0].text.count("Client: Ana Diaz") == 1
    assert doc.parts[0].text.startswith("Client: Ana Diaz\n")
    assert "Second section text." in doc.parts[0].text


def test_line_breaks_and_tabs_inside_a_paragraph_are_kept(tmp_path, make):
    document = make.docx_document()
    make.append_body_element(document, make.ooxml(
        "<w:p><w:r><w:t>Start:</w:t><w:tab/><w:t>2:00 PM</w:t><w:br/><w:t>End:</w:t><w:tab/>"
        "<w:t>2:53 PM</w:t></w:r></w:p>"
    ))
    _, doc = make.read_one(tmp_path, "times.docx", make.docx(document))
    assert doc.parts[0].text == "Start:\t2:00 PM\nEnd:\t2:53 PM"


def test_docx_without_text_is_skipped(tmp_path, make):
    document = make.docx_document()
    document.add_paragraph("")
    record, doc = make.read_one(tmp_path, "blank.docx", make.docx(document))
    assert record.status == "skipped" and doc is None
    assert "no text" in record.reason


def test_workbook_named_docx_is_named_for_what_it_is(tmp_path, make):
    data = make.xlsx({"Notes": [["Date of Service", "Note"], ["2024-03-04", "Session text"]]})
    record, _ = make.read_one(tmp_path, "notes.docx", data)
    assert record.status == "error"
    assert "Excel workbook named .docx" in record.reason


def test_password_protected_and_legacy_word_files(tmp_path, make):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    encrypted = ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    record, _ = make.read_one(tmp_path, "locked.docx", encrypted)
    assert record.status == "error"
    assert "password-protected Word file" in record.reason and "without a password" in record.reason
    record, _ = make.read_one(tmp_path, "old.docx", ole + "WordDocument".encode("utf-16-le"))
    assert record.status == "error"
    assert "legacy Word (.doc)" in record.reason


def test_truncated_docx_is_corrupt(tmp_path, make):
    document = make.docx_document()
    document.add_paragraph("Progress Note " * 50)
    data = make.docx(document)
    record, _ = make.read_one(tmp_path, "cut.docx", data[: len(data) // 2])
    assert record.status == "error"
    assert "corrupt or truncated Word file" in record.reason
