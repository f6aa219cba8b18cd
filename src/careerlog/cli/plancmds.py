"""Goals and learning from the shell beyond add/list/done: pause, drop and reopen a
goal, its milestones, and the list of learning activities."""

from __future__ import annotations

import argparse
from typing import Any

from careerlog.cli.argtypes import record_id
from careerlog.cli.output import emit_json, goal_line, links_json, write
from careerlog.cli.sources import opened
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.text import duration


def _set_status(args: argparse.Namespace, status: str, said: str) -> int:
    from careerlog.domain.model import GoalStatus
    from careerlog.services.goals import set_status

    with opened(args, must_exist=True) as store:
        goal = set_status(store, args.id, GoalStatus(status))
    write(f"{said}: {goal_line(goal)}\n")
    return 0


def cmd_goal_pause(args: argparse.Namespace) -> int:
    return _set_status(args, "paused", "Paused")


def cmd_goal_drop(args: argparse.Namespace) -> int:
    return _set_status(args, "dropped", "Dropped")


def cmd_goal_reopen(args: argparse.Namespace) -> int:
    return _set_status(args, "active", "Reopened")


def _milestone_lines(goal: Any) -> None:
    for number, milestone in enumerate(goal.milestones, start=1):
        write(f"  {number}. [{'x' if milestone.done else ' '}] {milestone.title}\n")


def cmd_milestone_add(args: argparse.Namespace) -> int:
    from careerlog.services.goals import add_milestone

    with opened(args, must_exist=True) as store:
        goal = add_milestone(store, args.id, args.title)
    write(f"{goal_line(goal)}\n")
    _milestone_lines(goal)
    return 0


def cmd_milestone_done(args: argparse.Namespace) -> int:
    from careerlog.services.goals import get_goal, toggle_milestone

    with opened(args, must_exist=True) as store:
        goal = get_goal(store, args.id)
        if not 1 <= args.number <= len(goal.milestones):
            count = len(goal.milestones)
            have = f"milestones 1 to {count}" if count else "no milestones yet"
            raise NotFoundError(f"goal {goal.id} has {have}; see 'careerlog goal list'")
        milestone = goal.milestones[args.number - 1]
        if milestone.done:
            write(f"Milestone {args.number} of goal #{goal.id} was already done.\n")
            return 0
        goal = toggle_milestone(store, goal.id, milestone.id)
    write(f"{goal_line(goal)}\n")
    _milestone_lines(goal)
    return 0


LOGGING_ONLY = ("minutes", "competency", "goal", "date", "notes", "link")


def cmd_learn_list(args: argparse.Namespace) -> int:
    """``careerlog learn list``: the activities, newest first (``--kind`` narrows)."""
    from careerlog.services.learning import list_activities, parse_kind

    given = [f"--{name}" for name in LOGGING_ONLY if getattr(args, name, None)]
    if given:
        raise CareerlogError(
            f"'learn list' lists activities; {', '.join(given)} belongs to logging one"
        )
    kind = parse_kind(args.kind) if args.kind else None
    with opened(args, must_exist=True) as store:
        activities = [a for a in list_activities(store) if kind is None or a.kind == kind]
    if args.json:
        emit_json(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "kind": a.kind.value,
                    "day": a.day.isoformat(),
                    "minutes": a.minutes,
                    "goal_id": a.goal_id,
                    "competencies": links_json(a.competencies),
                    "notes": a.notes,
                    "link": a.link,
                }
                for a in activities
            ]
        )
        return 0
    if not activities:
        write('No learning logged yet. Log some with: careerlog learn "TITLE" --kind book\n')
    for a in activities:
        spent = duration(a.minutes) if a.minutes else ""
        write(f"#{a.id:<4} {a.day.isoformat()}  {a.kind.value:<18} {spent:>10}  {a.title}\n")
    return 0


def add_goal_parsers(goal_sub: Any) -> None:
    """``goal pause|drop|reopen ID`` and ``goal milestone add|done`` (from cli/parser.py)."""
    for name, handler, said in (
        ("pause", cmd_goal_pause, "pause a goal (it stays in the list)"),
        ("drop", cmd_goal_drop, "drop a goal you no longer pursue"),
        ("reopen", cmd_goal_reopen, "make a paused, dropped or achieved goal active again"),
    ):
        action = goal_sub.add_parser(name, help=said)
        action.add_argument("id", type=record_id, metavar="ID", help="the goal (see 'goal list')")
        action.set_defaults(handler=handler)
    milestone = goal_sub.add_parser("milestone", help="add a milestone or mark one done")
    milestone_sub = milestone.add_subparsers(
        title="milestone commands", metavar="ACTION", required=True
    )
    add = milestone_sub.add_parser("add", help="add a milestone at the end of a goal's list")
    add.add_argument("id", type=record_id, metavar="ID", help="the goal")
    add.add_argument("title", metavar="TITLE", help="what the milestone is")
    add.set_defaults(handler=cmd_milestone_add)
    done = milestone_sub.add_parser("done", help="mark a goal's Nth milestone done")
    done.add_argument("id", type=record_id, metavar="ID", help="the goal")
    done.add_argument("number", type=record_id, metavar="N", help="the milestone's number, from 1")
    done.set_defaults(handler=cmd_milestone_done)
