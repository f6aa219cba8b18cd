"""The promotion packet as Markdown, as one self-contained HTML page (like the year in
review: inline style, no scripts, no fetches, every string escaped) and as JSON.

Each competency of the target level comes with its expectation and signals, the
person's latest rating and the manager's, and the dated evidence of the period; one with
none says so. What the packet leaves out (the journal, the reflections) it says it left
out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from careerlog.domain.career.packet import KIND_NAMES, KINDS, EvidenceItem, Packet, PacketCompetency
from careerlog.domain.career.progress import held_text
from careerlog.domain.text import printable

FORMAT = "careerlog-packet"
SCHEMA_VERSION = 1


def _line(text: str) -> str:
    return " ".join(printable(text).split())


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def standing(packet: Packet) -> list[str]:
    """Where the person stands, as sentences (shared by every format)."""
    lines = []
    if packet.readiness is None or packet.at_top:
        lines.append(f"At the top level of the track: this packet shows {packet.level_name}.")
    else:
        held = held_text(packet.held_since, packet.months_held)
        lines.append(
            f"Readiness for {packet.target_name}: {packet.ready_count} of "
            f"{packet.applicable_count} competencies at the expected rating "
            f"({round(100 * packet.readiness)}%){', ' + held if held else ''}."
        )
    focus = [c.name for c in packet.competencies if c.focus]
    if focus:
        lines.append(f"Focus this period: {', '.join(focus)}.")
    gaps = [c.name for c in packet.without_evidence]
    if gaps:
        lines.append(f"No evidence in this period for: {', '.join(gaps)}.")
    skipped = [c.name for c in packet.competencies if c.not_applicable is not None]
    if skipped:
        lines.append(f"Not applicable to this post: {', '.join(skipped)}.")
    if packet.omit.journal:
        lines.append("The journal is left out of this document: entries are listed by date only.")
    if packet.omit.reflections:
        lines.append("Reflections are left out of this document.")
    return lines


def rating_text(comp: PacketCompetency) -> str:
    if comp.latest is None:
        mine = "not rated yet"
    else:
        carried = f", carried over from {comp.carried_from}" if comp.carried_from else ""
        mine = f"{comp.latest} ({_day(comp.latest_day)}{carried})"
    manager = "" if comp.manager is None else f" · my manager's: {comp.manager}"
    verdict = (
        f"meets the expected {comp.expected}"
        if comp.meets
        else f"below the expected {comp.expected}"
        if comp.latest is not None
        else f"the level expects {comp.expected}"
    )
    return f"My rating: {mine}{manager} · {verdict}"


def _item_md(item: EvidenceItem) -> list[str]:
    detail = f" ({_line(item.detail)})" if item.detail and item.kind != "feedback" else ""
    out = [f"  - {_day(item.day)} — {_line(item.title)}{detail}"]
    if item.kind == "feedback" and item.text:
        out += [f"    > {line}".rstrip() for line in printable(item.text).splitlines()]
    return out


def render_md(packet: Packet) -> str:
    out = [
        f"# {packet.title}",
        "",
        f"{_line(packet.track_name)} · now {_line(packet.level_name)} · evidence from "
        f"{_day(packet.start)} to {_day(packet.end)} · made {_day(packet.made_on)} with careerlog",
        "",
        "## Where I stand",
        "",
        *[f"- {_line(line)}" for line in standing(packet)],
        "",
        "## Competencies",
        "",
    ]
    for comp in packet.competencies:
        mark = "◆ " if comp.focus else ""
        if comp.not_applicable is not None:
            out += [
                f"### {mark}{_line(comp.name)}",
                "",
                f"Not applicable: {_line(comp.not_applicable)}",
                "",
            ]
            continue
        meaning = f" — {_line(comp.meaning)}" if comp.meaning else ""
        out += [
            f"### {mark}{_line(comp.name)} ({_line(comp.group)})",
            "",
            f"**Expected at {_line(packet.target_name)}: {comp.expected}**{meaning}",
            "",
        ]
        if comp.signals:
            out.append(f"- Signals: {'; '.join(_line(s) for s in comp.signals)}")
        if comp.examples:
            out.append(f"- For example: {'; '.join(_line(s) for s in comp.examples)}")
        out += [f"- {_line(rating_text(comp))}", "", "Evidence:", ""]
        if not comp.evidence:
            out += ["- **No evidence** in this period.", ""]
            continue
        for kind in KINDS:
            items = comp.of_kind(kind)
            if items:
                out.append(f"- {KIND_NAMES[kind]} ({len(items)})")
                for item in items:
                    out += _item_md(item)
        out.append("")
    if packet.excerpts:
        out += ["## From my reflections", ""]
        for excerpt in packet.excerpts:
            out += [f"**{_line(excerpt.prompt)}** ({_day(excerpt.day)})", ""]
            out += [f"> {line}".rstrip() for line in printable(excerpt.answer).splitlines()]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_html(packet: Packet) -> str:
    from careerlog.io.export.to_html import escaped as e
    from careerlog.io.export.to_html import markdown, page_head

    out = [
        *page_head(packet.title),
        f"<header><h1>{e(packet.title)}</h1><div class='muted'>{e(packet.track_name)} · now "
        f"{e(packet.level_name)} · evidence from {_day(packet.start)} to {_day(packet.end)} · "
        f"made {_day(packet.made_on)} with careerlog</div></header>",
        "<h2 id='standing'>Where I stand</h2><ul>",
        *[f"<li>{e(line)}</li>" for line in standing(packet)],
        "</ul><h2 id='competencies'>Competencies</h2>",
    ]
    for comp in packet.competencies:
        mark = "◆ " if comp.focus else ""
        if comp.not_applicable is not None:
            out.append(
                f"<section class='competency na'><h3>{e(mark + comp.name)}</h3>"
                f"<p class='muted'>Not applicable: {e(comp.not_applicable)}</p></section>"
            )
            continue
        meaning = f" — {e(comp.meaning)}" if comp.meaning else ""
        out.append(
            f"<section class='competency'><h3>{e(mark + comp.name)} "
            f"<span class='muted'>({e(comp.group)})</span></h3>"
            f"<p><b>Expected at {e(packet.target_name)}: {comp.expected}</b>{meaning}</p><ul>"
        )
        if comp.signals:
            out.append(f"<li>Signals: {e('; '.join(comp.signals))}</li>")
        if comp.examples:
            out.append(f"<li>For example: {e('; '.join(comp.examples))}</li>")
        out.append(f"<li>{e(rating_text(comp))}</li></ul>")
        if not comp.evidence:
            out.append("<p class='gap'><b>No evidence</b> in this period.</p></section>")
            continue
        out.append("<table class='evidence'>")
        for item in comp.evidence:
            detail = e(item.detail) if item.kind != "feedback" else ""
            words = (
                f"<blockquote class='md'>{markdown(item.text)}</blockquote>"
                if item.kind == "feedback" and item.text
                else ""
            )
            out.append(
                f"<tr><td class='num'>{_day(item.day)}</td><td>{e(KIND_NAMES[item.kind])}</td>"
                f"<td>{e(item.title)}{words}</td><td class='muted'>{detail}</td></tr>"
            )
        out.append("</table></section>")
    if packet.excerpts:
        out.append("<h2 id='reflections'>From my reflections</h2>")
        for excerpt in packet.excerpts:
            out.append(
                f"<p><b>{e(excerpt.prompt)}</b> <span class='muted'>({_day(excerpt.day)})"
                f"</span></p><blockquote class='md'>{markdown(excerpt.answer)}</blockquote>"
            )
    out.append("<footer>Made with careerlog from my own records.</footer></body></html>")
    return "\n".join(out) + "\n"


def packet_dict(packet: Packet) -> dict[str, Any]:
    """JSON-ready: dates as ISO text; a document of its own (not the backup format)."""

    def item(i: EvidenceItem) -> dict[str, Any]:
        return {"kind": i.kind, "id": i.id, "day": _day(i.day), "title": i.title,
                "detail": i.detail, "text": i.text}  # fmt: skip

    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "made_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "range": {"from": _day(packet.start), "to": _day(packet.end)},
        "omitted": packet.omit.names(),
        "track": packet.track_name,
        "level": packet.level_name,
        "target_level": packet.target_name,
        "readiness": None if packet.readiness is None else round(packet.readiness, 4),
        "ready_count": packet.ready_count,
        "applicable_count": packet.applicable_count,
        "held_since": _day(packet.held_since) or None,
        "months_held": packet.months_held,
        "competencies": [
            {
                "key": c.key,
                "name": c.name,
                "group": c.group,
                "expected": c.expected,
                "meaning": c.meaning,
                "signals": list(c.signals),
                "examples": list(c.examples),
                "latest": c.latest,
                "latest_day": _day(c.latest_day) or None,
                "carried_from": c.carried_from or None,
                "manager": c.manager,
                "meets": c.meets,
                "focus": c.focus,
                "not_applicable": c.not_applicable,
                "evidence": [item(i) for i in c.evidence],
            }
            for c in packet.competencies
        ],
        "reflections": [
            {"day": _day(x.day), "prompt": x.prompt, "answer": x.answer} for x in packet.excerpts
        ],
    }


def render(packet: Packet, fmt: str) -> str:
    if fmt == "md":
        return render_md(packet)
    if fmt == "html":
        return render_html(packet)
    from careerlog.io.export.to_json import dumps

    return dumps(packet_dict(packet))
