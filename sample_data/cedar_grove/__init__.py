"""The fictional practice "Cedar Grove Counseling": its people, its notes, and the writers that
turn them into EHR-style export files. Everything here is invented; see ../README.md."""
