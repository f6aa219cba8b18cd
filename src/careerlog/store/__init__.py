"""Persistence: SQLAlchemy schema, engine set-up, migrations and queries."""
