"""One screen per file: the main screens, the onboarding and the pickers they open."""
