"""The store as a file: what its first bytes say (SQLite, encrypted or neither), its
schema revision read without SQLAlchemy, the cipher keys and salt of an encrypted
store, converting a file between plain and encrypted in place, the identity every
backup of it carries, and the exact schema a file must hold to be taken for one of
careerlog's. Standard library (and sqlcipher3) only, so the ``careerlog add`` fast path
can use the modules it needs from here."""
