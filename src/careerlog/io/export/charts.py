"""Inline SVG charts for the HTML export: drawn here, no scripts, no fetches.

Every label that comes from the person (competency names) is escaped.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from careerlog.domain.summary import RatingChange, StancePoint, TimeSpent
from careerlog.domain.text import count_text, duration

GREENS = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
CELL, GAP = 11, 2


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def heatmap(per_day: dict[date, int], start: date, end: date) -> str:
    """One calendar grid per year (weeks across, Monday to Sunday down)."""
    grids = []
    peak = max(per_day.values(), default=0)
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        origin = first - timedelta(days=first.weekday())
        weeks = (last - origin).days // 7 + 1
        width, height = 34 + weeks * (CELL + GAP), 18 + 7 * (CELL + GAP) + 14
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" aria-label="Entries per day in {year}">',
            f'<text x="0" y="10" font-weight="bold">{year}</text>',
        ]
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            parts.append(f'<text x="0" y="{18 + row * (CELL + GAP) + 9}">{name}</text>')
        day = first
        while day <= last:
            week = (day - origin).days // 7
            count = per_day.get(day, 0)
            level = 0 if not count else min(4, 1 + (3 * count) // max(peak, 1))
            x, y = 34 + week * (CELL + GAP), 18 + day.weekday() * (CELL + GAP)
            if day.day == 1:
                parts.append(f'<text x="{x}" y="{height - 2}" font-size="9">{day:%b}</text>')
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" '
                f'fill="{GREENS[level]}">'
                f"<title>{day.isoformat()}: {count_text(count, 'entry', 'entries')}</title></rect>"
            )
            day += timedelta(days=1)
        parts.append("</svg>")
        grids.append("".join(parts))
    return "\n".join(grids)


def learning_bars(items: tuple[TimeSpent, ...]) -> str:
    """Horizontal bars: time spent per competency."""
    if not items:
        return ""
    peak = max(i.minutes for i in items) or 1
    row, label_w, bar_w = 22, 210, 420
    height = row * len(items) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {label_w + bar_w + 90} '
        f'{height}" width="{label_w + bar_w + 90}" height="{height}" '
        'aria-label="Learning time by competency">'
    ]
    for index, item in enumerate(items):
        y = index * row + 3
        width = max(2, round(bar_w * item.minutes / peak))
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end">'
            f"{escape(_cut(item.name, 32))}</text>"
            f'<rect x="{label_w}" y="{y}" width="{width}" height="{row - 6}" rx="3" '
            'fill="#2f6f4f"/>'
            f'<text x="{label_w + width + 6}" y="{y + 13}">{escape(duration(item.minutes))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def rating_dumbbells(ratings: tuple[RatingChange, ...]) -> str:
    """Per competency on a 1-5 scale: grey ring at the start, green dot at the end,
    a dark tick where the current level expects it to be."""
    if not ratings:
        return ""
    row, label_w, scale_w = 26, 210, 360
    step = scale_w / 4
    height = 24 + row * len(ratings)
    width = label_w + scale_w + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="Competency ratings, start against end">'
    ]
    for value in range(1, 6):
        x = label_w + (value - 1) * step
        parts.append(
            f'<line x1="{x}" y1="16" x2="{x}" y2="{height}" stroke="#d1d9e0"/>'
            f'<text x="{x}" y="11" text-anchor="middle">{value}</text>'
        )
    for index, item in enumerate(ratings):
        y = 24 + index * row + row / 2 - 4
        parts.append(
            f'<text x="{label_w - 10}" y="{y + 4}" text-anchor="end">'
            f"{escape(_cut(item.name, 32))}</text>"
        )

        def at(value: int) -> float:
            return label_w + (value - 1) * step

        if item.start is not None and item.end is not None:
            parts.append(
                f'<line x1="{at(item.start)}" y1="{y}" x2="{at(item.end)}" y2="{y}" '
                'stroke="#2f6f4f" stroke-width="3"/>'
            )
        if item.expected is not None:
            x = at(item.expected)
            parts.append(
                f'<line x1="{x}" y1="{y - 9}" x2="{x}" y2="{y + 9}" '
                'stroke="#1f2328" stroke-width="2"/>'
            )
        if item.start is not None:
            parts.append(
                f'<circle cx="{at(item.start)}" cy="{y}" r="6" fill="#fff" '
                'stroke="#8c959f" stroke-width="2"/>'
            )
        if item.end is not None:
            parts.append(f'<circle cx="{at(item.end)}" cy="{y}" r="6" fill="#2f6f4f"/>')
    parts.append("</svg>")
    return "".join(parts)


def stance_line(points: tuple[StancePoint, ...], start: date, end: date) -> str:
    """The stance over time: 0 (technical) at the bottom, 100 (supervisory) at the top."""
    if not points:
        return ""
    width, height, left, top = 640, 160, 90, 10
    plot_w, plot_h = width - left - 20, height - top - 30
    days = max((end - start).days, 1)

    def xy(point: StancePoint) -> tuple[float, float]:
        x = left + plot_w * min(max((point.day - start).days, 0), days) / days
        return round(x, 1), round(top + plot_h * (1 - point.stance / 100), 1)

    coords = [xy(p) for p in points]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="Leadership stance over time">',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#d1d9e0"/>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#d1d9e0"/>',
        f'<text x="{left - 6}" y="{top + 8}" text-anchor="end">supervisory</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">technical</text>',
        f'<text x="{left}" y="{height - 6}">{start.isoformat()}</text>',
        f'<text x="{left + plot_w}" y="{height - 6}" text-anchor="end">{end.isoformat()}</text>',
    ]
    if len(coords) > 1:
        path = " ".join(f"{x},{y}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2f6f4f" stroke-width="2"/>')
    for (x, y), point in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="4" fill="#2f6f4f">'
            f"<title>{point.day.isoformat()}: {point.stance}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)
