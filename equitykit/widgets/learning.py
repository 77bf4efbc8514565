"""Widgets for learning activities: knowledge checks, reflections and sorting exercises.

Each builder returns an object that holds its state. A test (or a curious learner) can
set answers from Python and read back what the widget computed; the same state drives
the browser view, in JupyterLab and on the static site.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.course import Module, load_module
from equitykit.journal import JournalError
from equitykit.widgets.base import CourseWidget, browser_module


def _journal_or_default(journal: Any) -> Any:
    if journal is not None:
        return journal
    from equitykit.journal import Journal

    return Journal()


class KnowledgeCheck(CourseWidget):
    """Multiple-choice questions whose feedback explains every answer.

    Attributes
    ----------
    module
        The module slug the questions belong to.
    questions
        The questions, each with ``id``, ``question`` and ``options`` (``text``,
        ``correct``, ``feedback``).
    answers
        The learner's choices: question id -> option index.
    """

    _esm = browser_module("knowledge_check")
    module = traitlets.Unicode().tag(sync=True)
    questions = traitlets.List().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)

    def __init__(self, module: str, questions: list[dict[str, Any]], journal: Any = None) -> None:
        super().__init__(module=module, questions=questions)
        self._journal = journal
        self._recorded: dict[str, int] = {}

    def _question(self, question_id: str) -> dict[str, Any]:
        for question in self.questions:
            if question["id"] == question_id:
                return question
        known = ", ".join(q["id"] for q in self.questions)
        raise KeyError(f"no question {question_id!r}; the questions are {known}")

    def choose(self, question_id: str, option_index: int) -> str:
        """Answer one question, as a learner clicking an option would.

        Parameters
        ----------
        question_id
            The question's id, e.g. ``"q1"``.
        option_index
            The chosen option, counted from 0.

        Returns
        -------
        str
            The feedback the learner sees for that option.
        """
        question = self._question(question_id)
        if not 0 <= option_index < len(question["options"]):
            raise IndexError(
                f"question {question_id!r} has {len(question['options'])} options; "
                f"got option {option_index}"
            )
        self.answers = {**self.answers, question_id: option_index}
        return self.feedback(question_id) or ""

    def feedback(self, question_id: str) -> str | None:
        """Return the feedback for the learner's current answer, or None if unanswered."""
        chosen = self.answers.get(question_id)
        if chosen is None:
            return None
        option = self._question(question_id)["options"][chosen]
        verdict = "Correct." if option.get("correct") else "Not the best answer."
        return f"{verdict} {option['feedback']}"

    @property
    def score(self) -> tuple[int, int]:
        """``(answered correctly, number of questions)``."""
        right = sum(
            1
            for q in self.questions
            if q["id"] in self.answers and q["options"][self.answers[q["id"]]].get("correct")
        )
        return right, len(self.questions)

    @traitlets.observe("answers")
    def _record_in_journal(self, change: dict[str, Any]) -> None:
        for question_id, chosen in change["new"].items():
            if self._recorded.get(question_id) == chosen:
                continue
            question = self._question(question_id)
            option = question["options"][int(chosen)]
            _journal_or_default(self._journal).record_check(
                module=self.module,
                check_id=question_id,
                question=question["question"],
                chosen=option["text"],
                correct=bool(option.get("correct")),
            )
            self._recorded[question_id] = chosen


class Reflection(CourseWidget):
    """A private reflection box; saving writes to the learner's journal.

    Attributes
    ----------
    module, prompt_id, prompt
        Which prompt this is.
    text
        The learner's text as last saved.
    status
        The message shown under the box after saving.
    """

    _esm = browser_module("reflection")
    module = traitlets.Unicode().tag(sync=True)
    prompt_id = traitlets.Unicode().tag(sync=True)
    prompt = traitlets.Unicode().tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
    save_requests = traitlets.Int(0).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)

    def __init__(self, module: str, prompt_id: str, prompt: str, journal: Any = None) -> None:
        super().__init__(module=module, prompt_id=prompt_id, prompt=prompt)
        self._journal = journal

    def save(self, text: str) -> str:
        """Save text as the learner's reflection, as the Save button does.

        Parameters
        ----------
        text
            The reflection.

        Returns
        -------
        str
            The status message shown to the learner.
        """
        self.text = text
        self.save_requests += 1
        return self.status

    @traitlets.observe("save_requests")
    def _save_to_journal(self, change: dict[str, Any]) -> None:
        journal = _journal_or_default(self._journal)
        try:
            journal.save_reflection(
                module=self.module, prompt_id=self.prompt_id, prompt=self.prompt, text=self.text
            )
        except (OSError, JournalError) as error:
            self.status = (
                f"Could not save to your journal ({error}). Copy your text somewhere safe."
            )
        else:
            self.status = f"Saved to your journal ({journal.path})."


class SortingExercise(CourseWidget):
    """Sort short cases into categories (e.g. technical, adaptive, both), with explanations.

    Attributes
    ----------
    items
        Each item has ``text``, ``answer`` and ``explanation``.
    categories
        The categories offered for every item.
    choices
        The learner's choices: item number (as text) -> category.
    """

    _esm = browser_module("sorting")
    module = traitlets.Unicode().tag(sync=True)
    exercise_id = traitlets.Unicode().tag(sync=True)
    items = traitlets.List().tag(sync=True)
    categories = traitlets.List().tag(sync=True)
    choices = traitlets.Dict().tag(sync=True)

    def choose(self, item_number: int, category: str) -> str:
        """Sort one item, counted from 0; return the explanation the learner sees."""
        if category not in self.categories:
            raise ValueError(f"{category!r} is not one of {self.categories}")
        self.choices = {**self.choices, str(item_number): category}
        item = self.items[item_number]
        verdict = (
            "Agreed:"
            if category == item["answer"]
            else f"The course reads this as {item['answer']}:"
        )
        return f"{verdict} {item['explanation']}"

    @property
    def score(self) -> tuple[int, int]:
        """``(items sorted as the course reads them, number of items)``."""
        right = sum(
            1 for key, value in self.choices.items() if self.items[int(key)]["answer"] == value
        )
        return right, len(self.items)


def _module(module: Module | str) -> Module:
    return module if isinstance(module, Module) else load_module(module)


def knowledge_check(module: Module | str, journal: Any = None) -> KnowledgeCheck:
    """Build the knowledge check of a module from its ``module.yml``.

    Parameters
    ----------
    module
        A loaded :class:`~equitykit.course.Module` or a module slug.
    journal
        Where answers are recorded; defaults to the learner's journal.

    Returns
    -------
    KnowledgeCheck
        The widget; display it by making it the last line of a cell.
    """
    content = _module(module)
    return KnowledgeCheck(content.slug, content.knowledge_check, journal=journal)


def reflection(module: Module | str, prompt_id: str, journal: Any = None) -> Reflection:
    """Build one reflection prompt of a module.

    Parameters
    ----------
    module
        A loaded module or a module slug.
    prompt_id
        The prompt's id in ``module.yml``, e.g. ``"r1"``.
    journal
        Where the text is saved; defaults to the learner's journal.

    Returns
    -------
    Reflection
        The widget.
    """
    content = _module(module)
    item = content.reflection(prompt_id)
    return Reflection(content.slug, prompt_id, item["prompt"], journal=journal)


def sorting_exercise(
    module: Module | str,
    key: str = "sort_items",
    categories: tuple[str, ...] = ("technical", "adaptive", "both"),
) -> SortingExercise:
    """Build a sorting exercise from a list of items in a module's ``module.yml``.

    Parameters
    ----------
    module
        A loaded module or a module slug.
    key
        The key in ``module.yml`` that holds the items.
    categories
        The categories each item can be sorted into.

    Returns
    -------
    SortingExercise
        The widget.
    """
    content = _module(module)
    items = content.extra.get(key)
    if not items:
        raise KeyError(f"module {content.slug!r} has no {key!r} items")
    return SortingExercise(
        module=content.slug, exercise_id=key, items=items, categories=list(categories)
    )
