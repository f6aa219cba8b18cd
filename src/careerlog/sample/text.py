"""Word banks and sentence composition for the sample journal (:mod:`.sample`).

The text reads like an engineer's working notes, not lorem ipsum, so search, tag
filters, snippets and the year-in-review look the way they would on real data. Themes
shift with ``phase`` (0 = start of the period, 1 = end): early entries are about the
craft, later ones more about leading, mentoring and planning.
"""

from __future__ import annotations

import random
import re


def _bank(text: str) -> tuple[str, ...]:
    """Items separated by ``|`` or line breaks: keeps long banks compact and readable."""
    return tuple(item.strip() for item in re.split(r"[|\n]", text) if item.strip())


PROJECTS = _bank("""
    the billing service | the search rewrite | the mobile sync layer | the data pipeline
    the payments migration | the observability stack | the onboarding flow
    the release tooling | the caching layer | the API gateway | the reporting dashboard
    the permissions model | the import job | the notification service
""")
PEOPLE = _bank("""
    Priya | Marco | Lena | Tomás | Aiko | Sam | Dmitri | Grace | Yusuf | Chen | Fatima | Olu
    Hannah | Rafael | Ines | Noah
""")
ROLES = _bank("""
    my manager | the product lead | the new hire | our designer | the staff engineer
    the SRE on call | the platform lead | the head of engineering | our tech writer
""")
TECH = _bank("""
    Postgres | Kafka | Kubernetes | Terraform | Rust | Go | Python | TypeScript | gRPC
    Redis | SQLite | OpenTelemetry | Grafana | React | GraphQL | WebAssembly
""")
MEETINGS = _bank("""
    standup | the architecture review | sprint planning | the retro | a design review
    the incident review | my one-on-one | quarterly planning | the guild meeting
    the roadmap session
""")
FEELINGS = _bank("""
    Felt good about it. | Tired but satisfied. | Not my best day. | Quietly proud of that.
    Still a bit frustrated. | Energised afterwards. | Need to sleep on it.
    Mixed feelings overall. | That went better than expected. | Slow progress, but progress.
""")
BOOKS = _bank("""
    The Staff Engineer's Path | An Elegant Puzzle | Designing Data-Intensive Applications
    Thinking in Systems | The Manager's Path | Accelerate | Team Topologies
    A Philosophy of Software Design | Crucial Conversations | Working in Public
""")
_SLOTS: dict[str, tuple[str, ...]] = {
    "project": PROJECTS,
    "person": PEOPLE,
    "role": ROLES,
    "tech": TECH,
    "meeting": MEETINGS,
    "feeling": FEELINGS,
    "book": BOOKS,
    "n": _bank("two | three | four | five | six | a dozen"),
    "part": _bank("""
        the schema | the retry logic | the error handling | the test suite | the rollout plan
        the migration script | the config loading | the metrics | the public API
    """),
    "problem": _bank("""
        a race in the job scheduler | a memory leak under load | flaky integration tests
        a slow query on the orders table | a timezone bug in the reports
        a deadlock between two workers | stale cache entries after deploys
    """),
    "skill": _bank("""
        giving direct feedback | saying no to scope creep | writing shorter design docs
        running meetings on time | delegating the interesting work | estimating honestly
        presenting to leadership | asking for help earlier
    """),
}

# theme: (the tag it is filed under, weight at phase 0, weight at phase 1, sentences)
_THEMES: dict[str, tuple[str, float, float, tuple[str, ...]]] = {
    "craft": (
        "work",
        5.0,
        2.5,
        _bank("""
        Spent most of the day on {part} of {project}.
        Finally found {problem} in {project}; the fix was three lines.
        Paired with {person} on {part} and we got further than I expected.
        Rewrote {part} using {tech}, and the code is half the size now.
        Reviewed {n} pull requests before lunch.
        Benchmarked {project} against the old version; it is noticeably faster.
        Wrote tests for {part} that should have existed a year ago.
        Deleted a lot of dead code around {part}.
        Got {project} deployed to staging without drama.
    """),
    ),
    "design": (
        "design",
        2.0,
        2.5,
        _bank("""
        Drafted the design doc for {project} and sent it round for comments.
        Sketched two options for {part}: the boring one and the clever one.
        {person} poked holes in my proposal for {project}, rightly.
        We agreed to keep {tech} for now and revisit in a quarter.
        The architecture for {project} finally feels simple enough to explain.
        Wrote down the trade-offs before anyone could argue about them.
    """),
    ),
    "incident": (
        "incident",
        1.2,
        0.8,
        _bank("""
        Paged at night for {problem}.
        Spent the afternoon chasing {problem} with {person}.
        Ran the incident review; the root cause was {problem}.
        Added alerts so we hear about {problem} before customers do.
        The rollback worked, which is the best thing I can say about today.
    """),
    ),
    "learning": (
        "learning",
        1.5,
        1.2,
        _bank("""
        Read two chapters of {book}.
        Worked through a tutorial on {tech} in the evening.
        Took notes on {book}; the part about feedback loops stuck with me.
        Watched a conference talk about {tech} at scale.
        Tried {tech} on a toy problem to see what the fuss is about.
        Finished a module of the course on distributed systems.
    """),
    ),
    "meeting": (
        "meeting",
        1.5,
        2.0,
        _bank("""
        {meeting} took most of the morning.
        {meeting} ran over again; we need a tighter agenda.
        Decisions made and owners named at {meeting}, for once.
        Presented the plan for {project} at {meeting}.
        Spoke up in {meeting} about the deadline, which I usually avoid.
    """),
    ),
    "mentoring": (
        "mentoring",
        0.6,
        2.5,
        _bank("""
        Mentoring session with {person}; we talked about {skill}.
        Helped {person} debug {problem} without taking the keyboard.
        Handed {part} of {project} over to {person} to own.
        {person} asked how I got into {tech}; told the long version.
        Reviewed the first design doc {person} wrote. Lots of promise.
    """),
    ),
    "leading": (
        "leadership",
        0.3,
        2.5,
        _bank("""
        Worked on {skill}; it does not come naturally.
        Talked with {role} about what technical leadership means on our team.
        Set the technical direction for {project} for the next quarter.
        Negotiated scope for {project} with {role}.
        Made the case for paying down debt in {project}, and won some time.
        Noticed I was solving everything myself again; stepped back.
        Wrote up team norms for code review with everyone's input.
    """),
    ),
    "people": (
        "1on1",
        0.8,
        1.8,
        _bank("""
        One-on-one with {role}; asked for more visible work.
        {role} said I should write more of my thinking down.
        Had a hard conversation with {person} about missed commitments.
        Interviewed a candidate for the team; strong on {tech}.
        Thanked {person} publicly for the work on {project}.
    """),
    ),
}
EXTRA_TAGS = _bank("""
    work | idea | win | reading | oncall | hiring | planning | retro | review | career | team
    focus | tired | release
""")
_CLOSERS = _bank("""
    Tomorrow: {part} of {project}. | Next step is to write it up. | {feeling}
    Need to follow up with {person}. | Left a note for {role}. | {feeling}
""")
_ALL_SENTENCES = tuple(s for theme in _THEMES.values() for s in theme[3])
TAGS = tuple(dict.fromkeys([theme[0] for theme in _THEMES.values()] + list(EXTRA_TAGS)))
"""Every tag the sample journal uses."""


class _Slots(dict[str, str]):
    """Fills ``{slot}`` placeholders lazily, one random pick per slot per sentence."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self._rng = rng

    def __missing__(self, key: str) -> str:
        return self._rng.choice(_SLOTS[key])


def fill(rng: random.Random, template: str) -> str:
    """``template`` with its ``{slots}`` picked at random, first letter capitalised."""
    if "{" not in template:
        return template
    text = template.format_map(_Slots(rng))
    return text[0].upper() + text[1:]


def _theme_weights(phase: float) -> tuple[list[str], list[float]]:
    names = list(_THEMES)
    return names, [a + (b - a) * phase for (_, a, b, _) in _THEMES.values()]


def compose_entry(rng: random.Random, phase: float) -> str:
    """A journal entry of about 20-120 words with one to three inline ``@tags``."""
    names, weights = _theme_weights(phase)
    main, other = rng.choices(names, weights, k=2)
    target = int(rng.triangular(20, 120, 45))
    sentences: list[str] = []
    used: set[str] = set()
    words = 0
    while words < target:
        theme = main if rng.random() < 0.7 else other
        choices = [s for s in _THEMES[theme][3] if s not in used] or _ALL_SENTENCES
        template = rng.choice(choices)
        used.add(template)
        sentences.append(fill(rng, template))
        closers = [s for s in _CLOSERS if s not in used]
        if closers and rng.random() < 0.2:
            used.add(closer := rng.choice(closers))
            sentences.append(fill(rng, closer))
        words = sum(s.count(" ") + 1 for s in sentences)
    while words > 120 and len(sentences) > 1:
        words -= sentences.pop().count(" ") + 1
    tags = [_THEMES[main][0]]
    if rng.random() < 0.4:
        tags.append(rng.choice(EXTRA_TAGS))
    if rng.random() < 0.3:
        tags.append(_THEMES[other][0])
    tagged = " ".join(f"@{tag}" for tag in dict.fromkeys(tags))
    if rng.random() < 0.5:
        sentences[-1] += f" {tagged}"
    else:
        sentences[0] = f"{tagged} {sentences[0]}"
    if len(sentences) > 3 and rng.random() < 0.3:
        cut = rng.randint(1, len(sentences) - 1)
        return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
    return " ".join(sentences)


def compose_answer(rng: random.Random, phase: float) -> str:
    """A short reflection answer (one to three sentences) in the same voice."""
    names, weights = _theme_weights(phase)
    theme = rng.choices(names, weights)[0]
    return " ".join(fill(rng, rng.choice(_THEMES[theme][3])) for _ in range(rng.randint(1, 3)))


GOAL_TITLES = _bank("""
    Lead the design of {project} | Give an internal talk on {tech}
    Mentor {person} through their first on-call rotation | Get better at {skill}
    Ship {project} to all customers | Read {book} and apply one idea
    Run the incident review process for a quarter | Write the team's guide to {tech}
    Cut the p99 latency of {project} in half | Grow {person} into the owner of {project}
    Present the roadmap for {project} to leadership | Set up a reading group on {tech}
""")
GOAL_WHYS = _bank("""
    It is the clearest way to show I can lead without leaving the code.
    The team keeps asking about it and nobody owns it.
    My manager named it as the gap between me and the next level.
    I keep avoiding it, which is a good sign I should do it.
    It would free up time for the work only I can do.
""")
MILESTONES = _bank("""
    Write down what done looks like | Agree the scope with {role} | First draft
    Get feedback from {person} | Prototype with {tech} | Present it at {meeting}
    Roll out to one team | Write the retrospective | Hand over to {person}
""")
ACTIVITY_TITLES: dict[str, tuple[str, ...]] = {
    "course": _bank("""
        Online course: distributed systems | Course on {tech} internals
        Leadership essentials course
    """),
    "book": tuple(f"Read {title}" for title in BOOKS),
    "training": _bank("Workshop: {skill} | Internal training on {tech} | Security training"),
    "mentoring-given": _bank(
        "Mentoring {person} | Pairing with {person} | Career chat with {person}"
    ),
    "mentoring-received": _bank(
        "Mentoring from {role} | Skip-level with {role} | Coaching: {skill}"
    ),
    "conference": _bank("""
        {tech} conference | Regional engineering leadership summit | Meetup talk on {tech}
    """),
    "certification": _bank("{tech} certification exam | Cloud architect certification"),
    "project": _bank("Side project in {tech} | Hack week: {project} | Prototype for {project}"),
    "practice": _bank("""
        Kata practice in {tech} | Wrote a blog post about {project} | Rehearsed the talk on {tech}
    """),
}
ACTIVITY_MINUTES: dict[str, tuple[int, int]] = {
    "course": (60, 600),
    "book": (120, 900),
    "training": (60, 480),
    "mentoring-given": (30, 90),
    "mentoring-received": (30, 90),
    "conference": (240, 960),
    "certification": (300, 2400),
    "project": (120, 1800),
    "practice": (20, 180),
}

FEEDBACK = _bank("""
    Your write-up of {project} made the decision easy: clear options and a clear recommendation
    You kept {part} moving when everyone else was stuck, and you explained why as you went
    Thanks for pairing with {person} on {part}; they came out of it far more confident
    The demo at {meeting} landed well; people still mention it
    You raised the risk in {part} early and saved us a week of rework
    When {project} slipped you told us straight away and offered a plan, which I valued
    Your review of {part} caught a problem none of us had seen
    Next time bring the other teams in earlier on {project}; the idea was right, the timing hurt
    You ran {meeting} better than anyone this year: short, decided, everyone heard
    The guide you wrote for {tech} is the one the new hires actually read
""")
FEEDBACK_ROLES = _bank("""
    manager | peer | product lead | new hire | staff engineer | client | head of engineering
""")
