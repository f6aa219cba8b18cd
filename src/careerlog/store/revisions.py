"""The schema revisions this version knows, oldest first.

Kept as plain constants so opening an up-to-date store needs no Alembic import; a
test checks them against the migration scripts.
"""

KNOWN: tuple[str, ...] = (
    "0001_initial",
    "0002_fit_results",
    "0003_pg_search",
    "0004_entry_words",
    "0005_four_digit_years",
    "0006_track_ownership",
    "0007_feedback",
    "0008_competency_marks",
    "0009_search_substrings",
    "0010_store_identity",
)
HEAD = KNOWN[-1]
