# ruff: noqa: RUF001  (Chinese sentences use the fullwidth comma, as Chinese does)
"""A small journal written to trip word-based search: English word forms, terms made of
punctuation, accented Latin, German compounds, Chinese and Japanese without spaces,
and the queries a person moving from jrnl would try on it.

Each entry has its own minute, so an entry is named by its moment on both tools.
"""

from __future__ import annotations

from datetime import datetime, timedelta

TEXTS = [
    # English word forms
    "Deployed the billing service on Friday; the deployment went quietly.",
    "Redeploying the cache after the outage. Deploys keep getting faster.",
    "Mentoring session with Priya: she mentored two interns this quarter.",
    "My mentor said leadership is mostly listening. Leading by example again.",
    "Reviewed three design docs. Reviewing takes longer than writing.",
    "Shipping the roadmap review was the hardest part of the month.",
    "Kubernetes upgrade: the kube-proxy settings needed a second look.",
    "Wrote the k8s runbook and walked the team through kubectl basics.",
    # punctuation-heavy terms
    "Modern C++ templates finally clicked; rewrote the parser in C++20.",
    "Paired on the C# service and its .NET 8 build pipeline.",
    "Weekly 1:1 with Dana went well; next 1:1 moves to Thursday.",
    "Answered every e-mail before noon. Email zero, for once.",
    "First on-call week. The on-call handbook needs an index.",
    "Upgraded node.js across the fleet; the Node.js docs helped.",
    "Moved the tooling to Python v3.11 and pinned v3.11.7 in CI.",
    "Coffee chat with Seán O'Brien about the O'Brien report.",
    "CI/CD pipeline review; the @platform team owns the runners.",
    "Customer ticket #4521 closed; wrote a post-mortem (draft).",
    # accented Latin
    "Café meeting in Zürich with the São Paulo team.",
    "Updated my résumé and the naïve estimates from last year.",
    "Offsite in Łódź; the Kraków office joins next time.",
    "Crème brûlée at the team dinner. Très bien, said Amélie.",
    "STRASSE or Straße: the address field needs both spellings.",
    # German compounds
    "Projektleitung übernommen; die Teamleiterin hilft bei der Planung.",
    "Mitarbeitergespräch vorbereitet und die Zielvereinbarung entworfen.",
    "Das Weiterbildungsbudget für nächstes Jahr ist genehmigt.",
    "Führungskräfteentwicklung: zweiter Workshop zur Gesprächsführung.",
    # Chinese
    "今天的会议讨论了项目进度和评价标准。",
    "我和经理开会，谈到明年的工作目标。",
    "东京出差三天，和客户一起做技术评审。",
    "学习新的管理方法，领导团队需要耐心。",
    # Japanese
    "今日は会議が三つありました。プロジェクトの評価も終わりました。",
    "上司と一対一のミーティング。来期の目標について話しました。",
    "東京オフィスで新人研修を担当しました。がんばります。",
    "チームリーダーとして初めての振り返りを開きました。",
    # the rest: plain notes that should match little
    "Quiet day. Lunch outside, then planning for next sprint.",
    "Read two chapters of a book about managing managers.",
]

START = datetime(2024, 1, 1, 9, 0)


def entries() -> list[tuple[datetime, str]]:
    """(moment, text) of each entry, one day and one minute apart."""
    return [(START + timedelta(days=i, minutes=i), text) for i, text in enumerate(TEXTS)]


QUERIES = [
    # word parts and forms
    "deploy", "DEPLOY", "mentor", "lead", "review", "ship", "ment", "kube", "k8s",
    # punctuation
    "C++", "C#", "1:1", "e-mail", "on-call", "node.js", "v3.11", "O'Brien", "CI/CD",
    "@platform", "#4521", "(draft)",
    # accents and case
    "café", "Zürich", "ZÜRICH", "résumé", "Straße", "łódź", "brûlée",
    # German compound parts
    "leitung", "leiterin", "gespräch", "ziel", "budget", "Weiterbildung", "führung",
    # Chinese and Japanese, two characters and more
    "会议", "评价", "工作", "东京", "管理", "会議", "評価", "東京", "目標", "ミーティング",
    "プロジェクト", "がんばります", "一対一",
    # single characters
    "会", "の",
]  # fmt: skip
