"""Every check of a ``facilitation.yml`` against its module, with messages naming the problem.

:func:`facilitation_errors` returns every problem found (an empty list when there is none):
ids that do not exist in ``module.yml``, agendas whose minutes do not add up, a protocol
whose steps and prompts are incomplete, exercises and prompts without an answer key.
"""

from __future__ import annotations

from typing import Any

from equitykit.content.facilitation import (
    _REQUIRED,
    AGENDA_LENGTHS,
    EXPERT_WIDGETS,
    KEYED_KINDS,
    WORKSHOP_ITEMS,
)
from equitykit.content.modules import Module

__all__ = ["facilitation_errors"]


def _nonempty(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_nonempty(v) for v in value)


def _protocol_errors(protocol: Any) -> list[str]:
    if not isinstance(protocol, dict):
        return ["protocol: must be a mapping with name, purpose, steps and prompts"]
    errors = []
    for key in ("name", "purpose"):
        if not _nonempty(protocol.get(key)):
            errors.append(f"protocol: {key} must be a non-empty string")
    steps = protocol.get("steps")
    if not isinstance(steps, list) or not steps:
        errors.append("protocol: steps must be a non-empty list")
    else:
        for number, step in enumerate(steps, 1):
            if not isinstance(step, dict):
                errors.append(f"protocol step {number}: must be a mapping")
                continue
            if not _nonempty(step.get("name")) or not _nonempty(step.get("what")):
                errors.append(f"protocol step {number}: needs a name and a 'what'")
            if not _positive_int(step.get("minutes")):
                errors.append(
                    f"protocol step {number} ({step.get('name')!r}): minutes must be a "
                    f"positive whole number, got {step.get('minutes')!r}"
                )
    prompts = protocol.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        errors.append("protocol: prompts must be a non-empty list")
    else:
        ids = [p.get("id") if isinstance(p, dict) else None for p in prompts]
        if len(set(ids)) != len(ids):
            errors.append(f"protocol: duplicate prompt ids {ids}")
        for prompt in prompts:
            if not isinstance(prompt, dict) or not (
                _nonempty(prompt.get("id")) and _nonempty(prompt.get("text"))
            ):
                errors.append(f"protocol prompt needs an id and a text: {prompt!r}")
    return errors


def _protocol_minutes(protocol: Any) -> int | None:
    try:
        return sum(int(step["minutes"]) for step in protocol["steps"])
    except (TypeError, KeyError, ValueError):
        return None


def _agenda_errors(
    length: int, items: Any, module: Module, protocol_minutes: int | None
) -> list[str]:
    where = f"agenda {length}"
    if not isinstance(items, list) or not items:
        return [f"{where}: must be a non-empty list of activities"]
    activities = {a.id: a for a in module.activities}
    errors: list[str] = []
    total = 0
    seen: list[str] = []
    for number, item in enumerate(items, 1):
        line = f"{where}, line {number}"
        if not isinstance(item, dict):
            errors.append(f"{line}: must be a mapping with 'activity' or 'item'")
            continue
        if ("activity" in item) == ("item" in item):
            errors.append(f"{line}: give exactly one of 'activity' (a module.yml id) or 'item'")
            continue
        minutes = item.get("minutes")
        if "activity" in item:
            activity_id = item["activity"]
            if activity_id not in activities:
                errors.append(
                    f"{line}: activity {activity_id!r} does not exist in "
                    f"modules/{module.slug}/module.yml (it has: {', '.join(activities)})"
                )
                continue
            if activity_id in seen:
                errors.append(f"{line}: activity {activity_id!r} appears twice")
            seen.append(activity_id)
            if minutes is None:
                minutes = activities[activity_id].minutes
        else:
            name = item["item"]
            if not _nonempty(name):
                errors.append(f"{line}: 'item' must be a name such as opening or closing")
                continue
            if name not in WORKSHOP_ITEMS and not _nonempty(item.get("title")):
                errors.append(
                    f"{line}: workshop item {name!r} is not one of "
                    f"{', '.join(WORKSHOP_ITEMS)}, so it needs a title"
                )
            if name == "protocol":
                if minutes is None:
                    minutes = protocol_minutes
                elif protocol_minutes is not None and minutes != protocol_minutes:
                    errors.append(
                        f"{line}: the protocol item says {minutes} minutes but the protocol's "
                        f"steps add up to {protocol_minutes}; leave minutes out to use the steps"
                    )
        if not _positive_int(minutes):
            errors.append(f"{line}: minutes must be a positive whole number, got {minutes!r}")
            continue
        total += minutes
    if not errors and total != length:
        errors.append(f"{where}: the minutes add up to {total}, not {length}")
    return errors


def _answer_key_errors(keys: Any, module: Module, protocol: Any) -> list[str]:
    if not isinstance(keys, list):
        return ["answer_keys: must be a list"]
    errors: list[str] = []
    kinds = {a.id: a.kind for a in module.activities}
    widgets = {a.id: a.widget for a in module.activities}
    prompt_ids = []
    if isinstance(protocol, dict) and isinstance(protocol.get("prompts"), list):
        prompt_ids = [p.get("id") for p in protocol["prompts"] if isinstance(p, dict)]
    keyed: list[str] = []
    for key in keys:
        if not isinstance(key, dict):
            errors.append(f"answer key must be a mapping: {key!r}")
            continue
        refs = [k for k in ("activity", "prompt") if k in key]
        if len(refs) != 1:
            errors.append(f"answer key needs exactly one of 'activity' or 'prompt': {key!r}")
            continue
        ref = key[refs[0]]
        if refs[0] == "activity" and ref not in kinds:
            errors.append(f"answer key for activity {ref!r}: no such activity in module.yml")
        elif refs[0] == "activity" and kinds[ref] not in KEYED_KINDS:
            errors.append(
                f"answer key for activity {ref!r}: it is a {kinds[ref]}, and only "
                f"{', '.join(KEYED_KINDS)} activities take keys here"
            )
        elif refs[0] == "prompt" and ref not in prompt_ids:
            errors.append(f"answer key for prompt {ref!r}: no such prompt in the protocol")
        if ref in keyed:
            errors.append(f"answer key for {ref!r} is given twice")
        keyed.append(ref)
        if not _nonempty(key.get("summary")):
            errors.append(f"answer key for {ref!r}: summary must be a non-empty string")
        if not _string_list(key.get("points")):
            errors.append(f"answer key for {ref!r}: points must be a non-empty list of strings")
        if "module_key" in key:
            errors.append(f"answer key for {ref!r}: 'module_key' is now 'expert_key: true'")
        if key.get("expert_key") is not None:
            if key["expert_key"] is not True:
                errors.append(f"answer key for {ref!r}: expert_key must be true when given")
            elif widgets.get(ref) not in EXPERT_WIDGETS:
                errors.append(
                    f"answer key for {ref!r}: only a {' or '.join(EXPERT_WIDGETS)} activity "
                    "carries an expert answer in module.yml"
                )
    for activity_id, kind in kinds.items():
        if kind in KEYED_KINDS and activity_id not in keyed:
            errors.append(f"the {kind} {activity_id!r} has no answer key")
    for prompt_id in prompt_ids:
        if prompt_id not in keyed:
            errors.append(f"the protocol prompt {prompt_id!r} has no answer key")
    return errors


def facilitation_errors(data: Any, module: Module) -> list[str]:
    """Return every way ``data`` breaks the facilitation schema (an empty list when valid).

    Parameters
    ----------
    data
        The parsed ``facilitation.yml``.
    module
        The module's content from ``module.yml``, which the ids and minutes are checked against.

    Returns
    -------
    list of str
        One plain-language message per problem.
    """
    if not isinstance(data, dict):
        return ["the file must be a mapping"]
    errors = [f"missing key {key!r}" for key in _REQUIRED if key not in data]
    if errors:
        return errors
    errors += [f"unexpected key {key!r}" for key in data if key not in _REQUIRED]
    if data["slug"] != module.slug:
        errors.append(f"slug {data['slug']!r} does not match the module {module.slug!r}")
    if not _nonempty(data["purpose"]):
        errors.append("purpose must be a non-empty string")
    if not _string_list(data["materials"]):
        errors.append("materials must be a non-empty list of strings")
    if not _string_list(data["notes"]):
        errors.append("notes must be a non-empty list of strings")
    errors += _protocol_errors(data["protocol"])
    errors += _answer_key_errors(data["answer_keys"], module, data["protocol"])
    agendas = data["agendas"]
    if not isinstance(agendas, dict):
        return [*errors, "agendas must map 60 and 90 to lists of activities"]
    lengths = sorted(str(k) for k in agendas)
    if lengths != sorted(str(k) for k in AGENDA_LENGTHS):
        errors.append(
            f"agendas must be exactly {' and '.join(map(str, AGENDA_LENGTHS))} minutes, "
            f"found {', '.join(lengths) or 'none'}"
        )
    protocol_minutes = _protocol_minutes(data["protocol"])
    for length, items in agendas.items():
        if str(length).isdigit() and int(length) in AGENDA_LENGTHS:
            errors += _agenda_errors(int(length), items, module, protocol_minutes)
    return errors
