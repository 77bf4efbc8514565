"""What a widget leaves on the page when the browser runs no JavaScript.

Every widget has a static fallback: its content as plain HTML (the questions, the prompts,
the starting table of an explorer) and one sentence saying what the interactive version
adds. The book's extension places it after each widget; the widget loader removes it once
the interactive version is drawn. Nothing here decides anything about a learner's input:
it only shows the content of ``module.yml`` and the numbers Python computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import Any

__all__ = ["FALLBACKS", "static_html"]

NEEDS_SCRIPT = "This exercise is interactive and needs JavaScript, which is off in this browser."


def _p(text: str, cls: str = "") -> str:
    attribute = f' class="{cls}"' if cls else ""
    return f"<p{attribute}>{escape(text)}</p>"


def _list(items: Iterable[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"


def _table(caption: str, headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        f'<div class="ek-table-holder"><table class="ek-table"><caption>{escape(caption)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _adds(what: str) -> str:
    return _p(f"{NEEDS_SCRIPT} With JavaScript, {what}", "ek-fallback-note")


def _knowledge_check(state: Mapping[str, Any]) -> str:
    parts = []
    for n, question in enumerate(state["questions"], 1):
        parts.append(
            _p(f"{n}. {question['question']}") + _list(o["text"] for o in question["options"])
        )
    return "".join(parts) + _adds(
        "choosing an answer shows why it is or is not the best one, and your answers are kept."
    )


def _reflection(state: Mapping[str, Any]) -> str:
    return _list((p["prompt"] for p in state["prompts"]), ordered=True) + _adds(
        "you can write and save your reflection here; without it, write it in your own notes."
    )


def _sorting(state: Mapping[str, Any]) -> str:
    return (
        _p("Sort each case as " + ", ".join(state["categories"]) + ":")
        + _list((i["text"] for i in state["items"]), ordered=True)
        + _adds("choosing a category shows the course's reading of each case.")
    )


def _coalition_map(state: Mapping[str, Any]) -> str:
    texts = state["texts"]
    rows = [(p["name"], p["role"], p["readiness"], p["influence"]) for p in state["people"]]
    headers = ["Name", texts.get("role_label", "Role"), texts["x_label"], texts["y_label"]]
    return _table("The people on the map to start with", headers, rows) + _adds(
        "you can add people, see them on the map and read where to start."
    )


def _capacity_planner(state: Mapping[str, Any]) -> str:
    rows = [(i, ", ".join(state["assigned"].get(i, [])) or "no one") for i in state["initiatives"]]
    return _table("Who carries each initiative, to start with", ["Initiative", "People"], rows) + (
        _adds("you can assign people and see which work rests on one person.")
    )


def _worksheet(state: Mapping[str, Any]) -> str:
    parts = [_p(state["title"], "ek-fallback-title")] if state.get("title") else []
    for section in state["sections"]:
        parts.append(_p(section["title"]) + _list(f["label"] for f in section["fields"]))
    return "".join(parts) + _adds("you can answer here and your answers are kept.")


def _policy_review(state: Mapping[str, Any]) -> str:
    commitments = _list(f"{c['id']}: {c['text']}" for c in state["commitments"])
    rubric = _table(
        "The rubric", ["Level", "Label", "What it looks like"],
        ((r["level"], r["label"], r["description"]) for r in state["rubric"]),
    )  # fmt: skip
    excerpts = "".join(
        _p(f"{n}. {e['title']}: {e['text']}") for n, e in enumerate(state["excerpts"], 1)
    )
    return (
        commitments
        + rubric
        + excerpts
        + _adds("you can rate each excerpt and compare your rating with the expert's.")
    )


def _plan(state: Mapping[str, Any]) -> str:
    return _list((f"{s['title']}: {s['prompt']}" for s in state["sections"]), ordered=True) + _adds(
        "each section starts from your own earlier work and your plan is kept."
    )


def _task(state: Mapping[str, Any]) -> str:
    task = state["task"]
    rubric = _table(
        "The rubric (0 to 3 points each)",
        ["Criterion", "3 points"],
        ((c["criterion"], c["levels"]["3"] if "3" in c["levels"] else c["levels"][3])
         for c in task["rubric"]),
    )  # fmt: skip
    return (
        _p(task["scenario"])
        + _p(task["prompt"])
        + rubric
        + _adds("you can write your response, score it and then open a model answer.")
    )


def _checklist(state: Mapping[str, Any]) -> str:
    return _list(i["text"] for i in state["items"]) + _adds(
        "you can tick what is true and plan each gap, and your answers are kept."
    )


def _progress(state: Mapping[str, Any]) -> str:
    return _list(m["label"] for m in state["outline"]) + _p(
        f"{NEEDS_SCRIPT} Your progress is read from the work this browser has kept, which "
        "needs JavaScript.",
        "ek-fallback-note",
    )


def _gap_explorer(state: Mapping[str, Any]) -> str:
    data = state["_data"]
    start = data["start"]
    columns = data["columns"]
    rows = data["rows"].get(f"{start['outcome']}|{start['group']}|{start['unit']}", [])
    metric = next(m for m in data["metrics"] if m[0] == start["metric"])
    col = columns.index
    labels = data["labels"]
    body = [
        (
            data["all_label"]
            if r[col("subgroup")] == "All"
            else labels.get(f"{start['group']}|{r[col('subgroup')]}", r[col("subgroup")]),
            r[col("enrolled_text")],
            r[col("count_text")],
            r[col(f"{metric[0]}_text")] or ("" if r[col("subgroup")] == "All" else "not reported"),
        )
        for r in rows
    ]
    outcome = dict(map(tuple, data["outcomes"]))[start["outcome"]]
    group = dict(map(tuple, data["groups"]))[start["group"]]
    unit = dict(map(tuple, data["units"]))[start["unit"]]
    caption = f"{metric[1]}: {outcome}, by {group}, {unit}, {data['school_year']}"
    return _table(caption, ["Student group", *data["headers"], metric[1]], body) + _adds(
        "you can choose another outcome, student group, school or measure and see a chart."
    )


def _calculator(state: Mapping[str, Any]) -> str:
    data = state["_data"]
    start = data["start"]
    key = f"{start['outcome']}|{start['group']}"
    labels = data["subgroup_labels"]
    rows = [
        (labels.get(f"{start['group']}|{subgroup}", subgroup),
         *[(by_year.get(y) or [None] * 6)[5] or "not reported" for y in data["years"]])
        for unit, subgroup, by_year in data["rows"].get(key, [])
        if unit == "district"
    ]  # fmt: skip
    outcome = dict(map(tuple, data["outcomes"]))[start["outcome"]]
    return _table(
        f"Risk ratios for {outcome}, whole district, by school year",
        ["Student group", *data["years"]],
        rows,
    ) + _adds("you can change the rule and see which schools and groups it would flag.")


#: The fallback of each widget, by its stem.
FALLBACKS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "knowledge_check": _knowledge_check,
    "reflection": _reflection,
    "sorting": _sorting,
    "coalition_map": _coalition_map,
    "capacity_planner": _capacity_planner,
    "worksheet": _worksheet,
    "policy_review": _policy_review,
    "plan": _plan,
    "task": _task,
    "checklist": _checklist,
    "progress": _progress,
    "gap_explorer": _gap_explorer,
    "calculator": _calculator,
}


def static_html(stem: str, state: Mapping[str, Any]) -> str:
    """Return a widget's static fallback for a page read without JavaScript.

    Parameters
    ----------
    stem
        The widget's stem, e.g. ``"coalition_map"``.
    state
        The widget's saved state (its synced traits), as embedded in the page.

    Returns
    -------
    str
        HTML, wrapped in ``<div class="ek-fallback">``; an empty string for an unknown stem.
    """
    build = FALLBACKS.get(stem)
    if build is None:
        return ""
    return (
        f'<div class="ek-fallback ek-widget" data-ek-fallback="{escape(stem)}">{build(state)}</div>'
    )
