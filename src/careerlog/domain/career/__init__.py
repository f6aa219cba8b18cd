"""Pure rules of the career model that need a package of their own: suggesting which
competency an entry is evidence for, and putting the promotion packet together."""
