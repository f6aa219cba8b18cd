"""Values bound into the search SQL, for statements run as text (the standard-library
route, and ``exec_driver_sql`` on either backend). Standard library only."""

from __future__ import annotations


class Params(dict[str, str]):
    """A :data:`careerlog.store.search.sqlite.Bind`: each call stores a value and
    returns its placeholder, in the driver's style (``named`` for sqlite3,
    ``pyformat`` for psycopg)."""

    def __init__(self, style: str = "named") -> None:
        super().__init__()
        self.style = style

    def __call__(self, value: str) -> str:
        name = f"search_{len(self)}"
        self[name] = value
        return f"%({name})s" if self.style == "pyformat" else f":{name}"
