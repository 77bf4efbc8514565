"""Honest times: the minutes a module claims, checked against what it asks of a learner.

The course's rules (CONTRIBUTING, "Honest times"):

- reading at about :data:`WORDS_PER_MINUTE` words a minute, so a module's reading activities
  together take at least the time its Markdown pages (landing page and readings) need;
- at least :data:`MINUTES_PER_REFLECTION_PROMPT` minutes for each reflection prompt;
- a module's ``minutes`` is the sum of its activities' minutes;
- wherever a page states a time in words ("About 85 minutes at your own pace", "**Time:** about
  60 minutes of the module's 85"), the numbers are the ones ``module.yml`` gives.

Word counts come from the caller (``scripts/text_stats.py`` counts what a reader sees), so this
module stays free of page parsing.
"""

from __future__ import annotations

import math
import re

from equitykit.content.modules import Module

#: Reading speed assumed for adult readers of plain-language prose.
WORDS_PER_MINUTE = 200

#: Minimum minutes for each reflection prompt (read, think, write a paragraph).
MINUTES_PER_REFLECTION_PROMPT = 4

_LANDING_TIME = re.compile(r"About (\d+) minutes at your own pace")
_NOTEBOOK_TIME = re.compile(r"\*\*Time:\*\* about (\d+) minutes of the module's (\d+)")
_NOTEBOOK_TOTAL = re.compile(r"\*\*Time to learn:\*\* (\d+) minutes")


def reading_minutes_needed(words: int) -> int:
    """Return the whole minutes needed to read ``words`` words at the course's reading speed.

    Parameters
    ----------
    words : int
        Words a reader sees on the module's pages.

    Returns
    -------
    int
        ``ceil(words / WORDS_PER_MINUTE)``.
    """
    return math.ceil(words / WORDS_PER_MINUTE)


def practice_minutes(module: Module) -> int:
    """Return the minutes of the activities other than readings (the notebook's share)."""
    return sum(a.minutes for a in module.activities if a.kind != "reading")


def time_problems(module: Module, page_words: int) -> list[str]:
    """Return every way a module's minutes fall short of what it asks.

    Parameters
    ----------
    module : Module
        The loaded module.
    page_words : int
        Words on its Markdown pages (landing page and readings).

    Returns
    -------
    list of str
        One sentence per problem; empty when the times are honest.
    """
    problems: list[str] = []
    total = sum(a.minutes for a in module.activities)
    if total != module.minutes:
        problems.append(f"activity minutes add up to {total}, but the module says {module.minutes}")
    reading = sum(a.minutes for a in module.activities if a.kind == "reading")
    needed = reading_minutes_needed(page_words)
    if reading < needed:
        problems.append(
            f"readings are given {reading} minutes, but {page_words} words at "
            f"{WORDS_PER_MINUTE} a minute need {needed}"
        )
    for activity in module.activities_with("reflection"):
        floor = MINUTES_PER_REFLECTION_PROMPT * len(activity.prompts)
        if activity.minutes < floor:
            problems.append(
                f"reflection {activity.id!r} has {len(activity.prompts)} prompts in "
                f"{activity.minutes} minutes; allow at least {floor}"
            )
    return problems


def stated_time_problems(module: Module, text: str, where: str) -> list[str]:
    """Return every time stated in ``text`` that disagrees with ``module.yml``.

    Parameters
    ----------
    module : Module
        The loaded module.
    text : str
        A landing page's Markdown, or a notebook's Markdown cells joined.
    where : str
        The file, for the message.

    Returns
    -------
    list of str
        One sentence per disagreement.
    """
    problems: list[str] = []
    practice = practice_minutes(module)
    for match in _LANDING_TIME.finditer(text):
        if int(match.group(1)) != module.minutes:
            problems.append(f"{where} says {match.group(0)!r}; module.yml gives {module.minutes}")
    for match in _NOTEBOOK_TIME.finditer(text):
        if (int(match.group(1)), int(match.group(2))) != (practice, module.minutes):
            problems.append(
                f"{where} says {match.group(0)!r}; module.yml gives {practice} of {module.minutes}"
            )
    for match in _NOTEBOOK_TOTAL.finditer(text):
        if int(match.group(1)) != practice:
            problems.append(f"{where} says {match.group(0)!r}; module.yml gives {practice}")
    return problems
