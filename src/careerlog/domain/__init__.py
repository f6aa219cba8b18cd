"""Plain data and pure rules. Standard library only: no SQLAlchemy, no Textual."""
