"""The one key scheme of the learner's saved work, and the map from the keys of version 1.

Every activity that saves the learner's work (a knowledge check, the reflections, a
coalition map, a worksheet, the plan, ...) keeps it under one key::

    <module slug>/<activity id>          e.g. "build-a-coalition/coalition-map"

in the browser's local storage (prefixed :data:`STORE_PREFIX`) and in the learner's
journal file in JupyterLab. Keys are computed here, in Python, and shipped to the page
with each widget's data; no JavaScript file builds a key.

Version 1 of the kit saved work under keys of other shapes (``<module>/check/q1``,
``<module>/coalition/coalition``, ``capstone/plan/gap``, ...). :func:`legacy_keys` maps
each of them to its new key, so the browser and the journal can move a learner's earlier
work across on first load instead of losing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from equitykit.content.modules import Module

__all__ = ["LEGACY_PREFIX", "STORE_PREFIX", "item_key", "legacy_keys"]

#: Prefix of the kit's entries in the browser's local storage.
STORE_PREFIX = "equitykit/v2/"
#: Prefix of version 1's entries, migrated on first load.
LEGACY_PREFIX = "equitykit/v1/"

#: Where version 1 kept the work of activities saved under one key: (module, activity)
#: -> the old key. Version 1 built these by hand in each widget.
_LEGACY_WHOLE: dict[tuple[str, str], str] = {
    ("build-a-coalition", "coalition-map"): "build-a-coalition/coalition/coalition",
    ("seek-out-partners", "partner-map"): "seek-out-partners/coalition/partners",
    ("build-capacity", "capacity-planner"): "build-capacity/capacity/capacity",
    ("build-capacity", "coaching-choice"): "build-capacity/worksheet/coaching-choice",
    ("language-and-policy", "policy-review"): "language-and-policy/policy_review/policy",
    ("language-and-policy", "rewrite-clause"): "language-and-policy/worksheet/rewrite-clause",
    ("focus-on-systems", "lens-review"): "focus-on-systems/worksheet/lens_review",
    ("focus-on-systems", "lattice-map"): "focus-on-systems/worksheet/lattice",
}


def item_key(module: str, activity: str) -> str:
    """Return the key of an activity's saved work.

    Parameters
    ----------
    module
        The module slug.
    activity
        The activity id in that module's ``module.yml``.

    Returns
    -------
    str
        ``"<module>/<activity>"``.

    Examples
    --------
    >>> item_key("build-a-coalition", "coalition-map")
    'build-a-coalition/coalition-map'
    """
    return f"{module}/{activity}"


def legacy_keys(modules: Iterable[Module]) -> dict[str, dict[str, Any]]:
    """Map every version-1 key of these modules to where its work now lives.

    Parameters
    ----------
    modules
        The course's modules.

    Returns
    -------
    dict
        Old key (without prefix) -> ``{"key": new key, "kind": "whole" | "sort" | "check" |
        "reflection" | "plan", "part": question, prompt or section id (parts only)}``;
        for a check also ``"options"`` and for a sort ``"items"``: the ids in file order,
        because version 1 saved the chosen option and the sorted item by position.
    """
    mapping: dict[str, dict[str, Any]] = {}
    for module in modules:
        for activity in module.saved_activities():
            key = item_key(module.slug, activity.id)
            if activity.widget == "knowledge_check":
                for question in activity.questions:
                    mapping[f"{module.slug}/check/{question.id}"] = {
                        "key": key,
                        "kind": "check",
                        "part": question.id,
                        "options": [option.id for option in question.options],
                    }
            elif activity.widget == "reflection":
                for prompt in activity.prompts:
                    mapping[f"{module.slug}/reflection/{prompt.id}"] = {
                        "key": key,
                        "kind": "reflection",
                        "part": prompt.id,
                    }
            elif activity.widget == "plan":
                for section in activity.sections:
                    mapping[f"{module.slug}/plan/{section.id}"] = {
                        "key": key,
                        "kind": "plan",
                        "part": section.id,
                    }
            elif activity.widget == "sorting":
                mapping[f"{module.slug}/sort/sort_items"] = {
                    "key": key,
                    "kind": "sort",
                    "items": [item.id for item in activity.items],
                }
            elif (module.slug, activity.id) in _LEGACY_WHOLE:
                mapping[_LEGACY_WHOLE[(module.slug, activity.id)]] = {"key": key, "kind": "whole"}
    return mapping
