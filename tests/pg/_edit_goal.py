"""A second machine: edit one goal from a separate process, as a person would.

``python tests/pg/_edit_goal.py URL GOAL_ID VERSION WHY`` saves ``WHY`` on the goal if
it is still at ``VERSION``; prints the new version, or the conflict message on stderr
and exits 1.
"""

from __future__ import annotations

import sys

from careerlog.domain.errors import CareerlogError
from careerlog.services.goals import edit_goal
from careerlog.store.db import open_store


def main(url: str, goal_id: str, version: str, why: str) -> int:
    store = open_store(url)
    try:
        goal = edit_goal(store, int(goal_id), version=int(version), why=why)
    except CareerlogError as error:
        sys.stderr.write(f"careerlog: {error}\n")
        return 1
    finally:
        store.close()
    print(goal.version)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:5]))
