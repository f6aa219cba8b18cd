"""Use cases, one transaction each, returning frozen domain dataclasses."""
