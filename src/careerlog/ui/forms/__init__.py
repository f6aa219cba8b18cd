"""Modal forms that edit one record and return it: entries, goals, activities."""
