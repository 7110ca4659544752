"""Limits and choices for reading input files. Defaults are what a practice's export needs;
the CLI exposes each one so an unusual export can still be read."""

from __future__ import annotations

from dataclasses import dataclass, field

MiB = 1024 * 1024

PDF_ENGINES = ("pypdfium2", "pdfplumber")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    pdf_engine: str = "pypdfium2"
    pdf_password: str | None = None
    # One exported chart of several years is a few MB; 200 MB is far beyond any real note file
    # and small enough to keep a hostile file from exhausting memory.
    max_file_bytes: int = 200 * MiB
    # Text-heavy office files compress about 5-20x; zip bombs compress 1000x and more.
    max_zip_ratio: float = 100.0
    max_zip_total_bytes: int = 2048 * MiB
    max_zip_members: int = 50_000
    max_zip_depth: int = 2  # a zip inside a zip is read; deeper nesting is refused
    max_pdf_pages: int = 5_000
    column_overrides: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.pdf_engine not in PDF_ENGINES:
            raise ValueError(f"unknown PDF engine {self.pdf_engine!r}; choose from {PDF_ENGINES}")
