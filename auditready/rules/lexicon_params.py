"""Check parameters that name categories of a lexicon, validated against the lexicon's data when
the pack loads, so a misspelt category is a pack error instead of a check that never matches."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


def _validator(lexicon_name: str):
    def validate(value: list[str] | None) -> list[str] | None:
        if value is None:
            return value
        from auditready.text.lexicon import load_lexicon

        known = load_lexicon(lexicon_name).categories
        for category in value:
            if category not in known:
                raise ValueError(
                    f"{category!r} is not a category of lexicon {lexicon_name!r} "
                    f"(its categories: {', '.join(known)})"
                )
        return value

    return AfterValidator(validate)


def Categories(lexicon_name: str):  # noqa: N802 - used like a type: Categories("risk")
    """A list of category names of lexicon `lexicon_name` (None: every category)."""
    return Annotated[list[str] | None, _validator(lexicon_name)]
