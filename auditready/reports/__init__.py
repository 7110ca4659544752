"""Report building (summaries, de-identification) and one renderer per format.

Entry points for the pipeline:
  build_summaries(result, fees=..., universe=..., lookback=...)  -> fills clinicians + summary
  deidentify(result)                                            -> a pseudonymized copy
  write_reports(result, out_dir, formats)                       -> {name: path}
"""

from auditready.reports.deidentify import deidentify
from auditready.reports.summaries import build_clinicians, build_practice_summary, build_summaries
from auditready.reports.writer import FORMATS, parse_formats, write_reports

__all__ = [
    "FORMATS",
    "build_clinicians",
    "build_practice_summary",
    "build_summaries",
    "deidentify",
    "parse_formats",
    "write_reports",
]
