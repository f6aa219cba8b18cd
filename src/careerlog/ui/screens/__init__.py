"""One screen per file; the app and the command palette import them by name."""
