"""The career commands: choosing a track (and what a switch carries over), where one
stands on it, and feedback. Services are imported inside the handlers so parsing the
command line stays cheap."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from careerlog.cli.output import emit_json, write
from careerlog.cli.sources import opened
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import printable

if TYPE_CHECKING:
    from careerlog.store.db import Store


def _ask_reason(store: Store, key: str, level: str | None) -> str:
    """Switching track or level is a career event: at a terminal, ask why (may be blank)."""
    from careerlog.services.tracks import current_choice

    if not sys.stdin.isatty():
        return ""
    choice = current_choice(store)
    if choice is None or (
        choice.track.key == key and (level or choice.level_key) == choice.level_key
    ):
        return ""
    try:
        return input("Why the change? (kept in your history; Enter to skip) ")
    except EOFError:
        return ""


def _carry(args: argparse.Namespace, offers: list[Any]) -> list[str]:
    """Which ratings to carry: named with --carry (or "all"), else asked at a terminal."""
    wanted = [key for given in args.carry for key in given.split(",") if key.strip()]
    if args.no_carry or not offers:
        if wanted and not args.no_carry:
            raise CareerlogError(
                "there is nothing to carry over: the new track shares no rated competency "
                "with the current one"
            )
        return []
    if wanted:
        if wanted == ["all"]:
            return [offer.key for offer in offers]
        return wanted
    if not sys.stdin.isatty():
        return []
    write("The new track shares these competencies, rated on your current track:\n")
    for offer in offers:
        write(f"  {printable(offer.describe())}\n")
    try:
        answer = input("Carry these ratings over, marked as carried? [y/N] ")
    except EOFError:
        return []
    return [offer.key for offer in offers] if answer.strip().lower() in ("y", "yes") else []


def cmd_track_choose(args: argparse.Namespace) -> int:
    from careerlog.services.career.carry import carry_offer
    from careerlog.services.tracks import choose_track, load_catalogue

    catalogue = load_catalogue()
    with opened(args) as store:
        offers = carry_offer(store, catalogue.get(args.key))
        reason = args.reason or _ask_reason(store, args.key, args.level)
        carry = _carry(args, offers)
        choice = choose_track(store, args.key, args.level, reason, catalogue, carry=carry)
    write(f"Now pursuing {choice.track.name}, level {choice.level.name}.\n")
    for offer in offers:
        if offer.key in carry:
            write(f"Carried over: {printable(offer.describe())}\n")
    left = [offer for offer in offers if offer.key not in carry]
    if left:
        write(
            f"Not carried ({len(left)} rated on the track you left): rate them afresh, or "
            "choose again with --carry KEY or --carry all.\n"
        )
    return 0


def track_status_data(store: Store) -> dict[str, Any] | None:
    """The chosen track with the progress figures (readiness, ratings, evidence…)."""
    from careerlog.services.fit import latest_fit
    from careerlog.services.progress import report_as_dict, track_progress
    from careerlog.services.tracks import track_history

    history = track_history(store)
    if not history:
        return None
    report = track_progress(store, choice=history[0])
    assert report is not None
    fit = latest_fit(store)
    return {
        **report_as_dict(report),
        "since": history[0].chosen_at.isoformat(),
        "reason": history[0].reason,
        "history": [
            {
                "track": c.track.key,
                "level": c.level_key,
                "chosen_at": c.chosen_at.isoformat(),
                "reason": c.reason,
            }
            for c in history
        ],
        "fit": None
        if fit is None
        else {
            "taken_at": fit.taken_at.isoformat(),
            "best": fit.best,
            "best_name": _track_name(fit.best),
            "scores": fit.scores,
        },
    }


def _track_name(key: str) -> str:
    from careerlog.services.tracks import load_catalogue

    for track in load_catalogue().tracks:
        if track.key == key:
            return track.name
    return key


def cmd_track_status(args: argparse.Namespace) -> int:
    from careerlog.domain.career.progress import held_text
    from careerlog.domain.text import duration, one_line

    with opened(args, must_exist=True) as store:
        data = track_status_data(store)
    if args.json:
        emit_json(data)
        return 0
    if data is None:
        write(
            "No track chosen yet. See 'careerlog tracks', then "
            "'careerlog track choose KEY --level L'.\n"
        )
        return 0
    nxt = f", next: {data['next_level_name']}" if data["next_level"] else " (top level)"
    write(f"{data['track_name']} — {data['level_name']}{nxt}; since {data['since'][:10]}\n")
    comps = data["competencies"]
    if data["readiness"] is not None:
        since = date.fromisoformat(data["held_since"]) if data["held_since"] else None
        held = held_text(since, data["months_sustained"])
        write(
            f"Readiness for {data['next_level_name']}: {data['ready_count']} of "
            f"{data['applicable_count']} competencies ({round(100 * data['readiness'])}%)"
            f"{', ' + held if held else ''}\n"
        )
    write(
        f"Learning in the last {data['evidence_days']} days: {duration(data['learning_minutes'])}"
        " (each activity once)\n"
    )
    if data["fit"]:
        fit = data["fit"]
        best = fit["best"]
        write(
            f"Track fit ({fit['taken_at'][:10]}): best {fit['best_name']}, "
            f"{fit['scores'][best]}/100\n"
        )
    write(
        f"  {'competency':<30} {'now':>3} {'mgr':>3} {'exp':>3} {'next':>4} {'trend':>5}  "
        "evidence (90 days)\n"
    )
    carried: list[str] = []
    for comp in comps:
        latest = next((r for r in reversed(comp["ratings"]) if r["rater"] == "self"), None)
        now = "-" if comp["latest"] is None else str(comp["latest"])
        if latest is not None and latest["carried"]:
            now += "*"
            carried.append(f"{comp['name']} from {latest['track_name']} ({latest['day']})")
        mgr = "-" if comp["manager"] is None else str(comp["manager"])
        later = comp["expected_next"] if comp["expected_next"] is not None else "-"
        trend = "" if comp["trend"] is None else f"{comp['trend']:+d}"
        ev = comp["evidence"]
        found = (
            f"{ev['entries']} entries, {ev['activities']} activities, {ev['goals']} goals, "
            f"{ev['feedback']} feedback"
        )
        if comp["not_applicable"] is not None:
            found = f"not applicable: {one_line(comp['not_applicable'], 40)}"
        elif comp["stale"]:
            found += "  no recent evidence"
        mark = "◆ " if comp["focus"] else "  "
        write(
            f"{mark}{one_line(comp['name'], 30):<30} {now:>3} {mgr:>3} {comp['expected']:>3} "
            f"{later!s:>4} {trend:>5}  {found}\n"
        )
    for line in carried:
        write(f"  * carried over: {one_line(line, 100)}\n")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """Keep what someone said: ``careerlog feedback "TEXT" --from WHO``; prints its id."""
    from careerlog.domain.when import parse_when
    from careerlog.services.career.feedback import add_feedback

    if args.text == ["-"] or (not args.text and not sys.stdin.isatty()):
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError:
            raise CareerlogError("standard input is not UTF-8 text; nothing was written") from None
    else:
        text = " ".join(args.text)
    when = parse_when(args.date) if args.date else None
    with opened(args) as store:
        feedback = add_feedback(
            store,
            text,
            giver=args.giver,
            role=args.role,
            given_at=when,
            competencies=args.competency,
        )
    write(f"{feedback.id}\n")
    return 0


def cmd_track_focus(args: argparse.Namespace) -> int:
    from careerlog.domain.when import parse_due
    from careerlog.services.career.marks import set_focus
    from careerlog.services.tracks import current_choice

    if args.clear and args.keys:
        raise CareerlogError("give competencies to focus on, or --clear, not both")
    if not args.clear and not args.keys:
        raise CareerlogError("name the two or three competencies to focus on, or --clear")
    until = parse_due(args.until) if args.until else None
    with opened(args) as store:
        marks = set_focus(store, [] if args.clear else args.keys, until=until)
        choice = current_choice(store)
    if not marks.focus or choice is None:
        write("No focus now.\n")
        return 0
    names = ", ".join(choice.track.competency(key).name for key in marks.focus)
    until_text = f" until {marks.focus_until.isoformat()}" if marks.focus_until else ""
    write(f"Focus{until_text}: {names}\n")
    return 0


def cmd_track_na(args: argparse.Namespace) -> int:
    from careerlog.services.career.marks import clear_not_applicable, mark_not_applicable

    with opened(args) as store:
        if args.clear:
            name = clear_not_applicable(store, args.key)
            write(f"{name} applies again and counts toward readiness.\n")
            return 0
        name = mark_not_applicable(store, args.key, args.reason)
    write(f"{name} is marked not applicable; it no longer counts toward readiness.\n")
    return 0


def add_feedback_parser(sub: Any) -> None:
    """``careerlog feedback TEXT --from WHO``."""
    feedback = sub.add_parser(
        "feedback",
        help="keep what someone said about your work (counts as evidence)",
        description="Keep feedback from a manager, peer or anyone else, in their words, "
        "with the competencies of your track it speaks to.",
    )
    feedback.add_argument(
        "text", nargs="*", metavar="TEXT", help="what was said; '-' or a pipe reads stdin"
    )
    feedback.add_argument(
        "--from", dest="giver", required=True, metavar="WHO", help="who said it (a name)"
    )
    feedback.add_argument("--role", default="", metavar="ROLE", help="their role, e.g. manager")
    feedback.add_argument(
        "--competency",
        action="append",
        default=[],
        metavar="KEY",
        help="a competency of your track it speaks to (repeat; see 'track status')",
    )
    feedback.add_argument(
        "--date", metavar="WHEN", help="when it was given (default: now); a date or words"
    )
    feedback.set_defaults(handler=cmd_feedback)


def add_track_parser(sub: Any) -> None:
    """``careerlog track choose|focus|na|status``."""
    track = sub.add_parser("track", help="choose a track or see where you stand")
    track_sub = track.add_subparsers(
        title="track commands", metavar="ACTION", parser_class=type(track), required=True
    )
    choose = track_sub.add_parser(
        "choose", help="choose your track and the level you hold (progress aims at the next)"
    )
    choose.add_argument("key", metavar="KEY", help="the track (see 'careerlog tracks')")
    choose.add_argument("--level", metavar="L", help="the level you hold now (default the first)")
    choose.add_argument("--reason", default="", help="why (kept in your history)")
    choose.add_argument(
        "--carry",
        action="append",
        default=[],
        metavar="KEY",
        help="carry over your latest rating of a competency the new track shares by key "
        "(repeat, or 'all'); it stays marked with the track it was given on",
    )
    choose.add_argument("--no-carry", action="store_true", help="carry nothing over and do not ask")
    choose.set_defaults(handler=cmd_track_choose)
    focus = track_sub.add_parser(
        "focus", help="the two or three competencies to focus on this period (or --clear)"
    )
    focus.add_argument("keys", nargs="*", metavar="KEY", help="competencies of your track")
    focus.add_argument(
        "--until", metavar="WHEN", help="the end of the period (default: the end of the quarter)"
    )
    focus.add_argument("--clear", action="store_true", help="no focus any more")
    focus.set_defaults(handler=cmd_track_focus)
    na = track_sub.add_parser(
        "na", help="mark a competency not applicable to you (it leaves readiness), or --clear"
    )
    na.add_argument("key", metavar="KEY", help="a competency of your track")
    na.add_argument("--reason", default="", help="why it does not apply (required to mark it)")
    na.add_argument("--clear", action="store_true", help="it applies again")
    na.set_defaults(handler=cmd_track_na)
    status = track_sub.add_parser("status", help="the chosen track and its competencies")
    status.add_argument("--json", action="store_true", help="print JSON only (for scripts)")
    status.set_defaults(handler=cmd_track_status)
