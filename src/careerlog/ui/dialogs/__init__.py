"""Modal dialogs: each returns a value (or ``None`` when escape cancels) and writes nothing."""
