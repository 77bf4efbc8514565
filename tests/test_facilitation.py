"""The facilitator's kit: metadata that adds up, schedules generated from it, and two views.

- every ``modules/<slug>/facilitation.yml`` validates against its ``module.yml`` (activity ids
  exist, the 60- and 90-minute agendas add up exactly, every exercise, discussion and protocol
  prompt has an answer key), and every such module has a guide and a handout;
- the designed workshop formats are in the facilitator view (tests/test_workshops.py checks
  their design);
- the validator and the strict build reject bad metadata with a clear message;
- the learner site and the facilitator site both build, and answer keys appear in the facilitator
  HTML and in no learner HTML page;
- the facilitator text shares no run of ten words with the source article, and no handout
  carries answer-key text.
"""

from __future__ import annotations

import copy
import html
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from equitykit.content.facilitation import (
    AGENDA_LENGTHS,
    FacilitationError,
    facilitated_slugs,
    load_facilitation,
    parse_facilitation,
)
from equitykit.content.modules import load_module
from equitykit.content.schedule import format_clock, schedule
from equitykit.content.workshops import load_workshops
from tests.conftest import build_book
from tests.test_originality import ngrams, normalise, shared_runs, source_texts

REPO = Path(__file__).resolve().parents[1]
SLUGS = facilitated_slugs()
KEY_RUN = 8  # words of an answer key that must never reach a learner page

_spec = importlib.util.spec_from_file_location(
    "facilitator_site", REPO / "scripts" / "facilitator_site.py"
)
facilitator_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(facilitator_site)


def raw(slug: str) -> dict:
    path = REPO / "modules" / slug / "facilitation.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def key_texts(slug: str) -> list[str]:
    """Every answer key's summary and points for a module."""
    guide = load_facilitation(slug)
    return [t for key in guide.answer_keys for t in (key.summary, *key.points)]


def key_phrases(slug: str) -> list[str]:
    """The first KEY_RUN words (normalised) of each answer key summary."""
    phrases = []
    for key in load_facilitation(slug).answer_keys:
        words = normalise(key.summary)
        if len(words) >= KEY_RUN:
            phrases.append(" ".join(words[:KEY_RUN]))
    return phrases


def page_words(path: Path) -> str:
    """The visible words of an HTML page, normalised like the originality check."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(normalise(text))


# --- metadata ---------------------------------------------------------------------------------


def test_there_is_facilitation_metadata():
    assert SLUGS, "no modules/<slug>/facilitation.yml found"


@pytest.mark.parametrize("slug", SLUGS)
def test_facilitation_metadata_validates(slug):
    guide = load_facilitation(slug)  # raises FacilitationError listing every problem
    module_ids = {a.id for a in guide.module.activities}
    for length in AGENDA_LENGTHS:
        for row in guide.agenda(length):
            assert not row.from_module or row.key in module_ids


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("length", AGENDA_LENGTHS)
def test_agenda_minutes_add_up(slug, length):
    rows = load_facilitation(slug).agenda(length)
    assert sum(row.minutes for row in rows) == length
    assert schedule(rows)[0][0] == "0:00"
    last_start = 9 * 60 + length - rows[-1].minutes
    assert schedule(rows, "09:00")[-1][0] == format_clock(last_start)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_facilitated_module_has_a_guide_and_a_handout(slug):
    guide = REPO / "facilitator" / f"{slug}.md"
    handout = REPO / "exercises" / slug / "handout.md"
    assert guide.is_file(), f"missing facilitator guide {guide}"
    assert handout.is_file(), f"missing handout {handout}"
    text = guide.read_text(encoding="utf-8")
    for part in ("purpose", "materials", "protocol", "notes", "answer-keys", "knowledge-check-key"):
        assert f"{{facilitation}} {slug} {part}" in text, f"{guide.name} does not show {part}"
    for length in AGENDA_LENGTHS:
        assert f"{{agenda}} {slug} {length}" in text, f"{guide.name} has no {length}-minute agenda"


def test_validator_rejects_metadata_that_does_not_add_up():
    slug = SLUGS[0]
    module = load_module(slug)
    good = raw(slug)
    parse_facilitation(good, module)  # the real file is valid

    broken = copy.deepcopy(good)
    broken["agendas"][60][0]["minutes"] += 1
    with pytest.raises(FacilitationError, match=r"agenda 60: the minutes add up to 61, not 60"):
        parse_facilitation(broken, module, source="broken.yml")

    broken = copy.deepcopy(good)
    broken["agendas"][90].append({"activity": "no-such-activity", "minutes": 1})
    with pytest.raises(FacilitationError, match=r"'no-such-activity' does not exist in"):
        parse_facilitation(broken, module)

    broken = copy.deepcopy(good)
    broken["answer_keys"] = broken["answer_keys"][1:]
    with pytest.raises(FacilitationError, match=r"has no answer key"):
        parse_facilitation(broken, module)

    broken = copy.deepcopy(good)
    broken["protocol"]["steps"][0]["minutes"] += 5
    with pytest.raises(FacilitationError, match=r"minutes add up to"):
        parse_facilitation(broken, module)

    broken = copy.deepcopy(good)
    del broken["agendas"][90]
    with pytest.raises(FacilitationError, match=r"agendas must be exactly 60 and 90"):
        parse_facilitation(broken, module)


# --- the two views -----------------------------------------------------------------------------


def test_facilitator_toc_is_the_learner_toc_plus_a_facilitator_part():
    learner = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    learner_files = facilitator_site.toc_files(learner)
    assert not [f for f in learner_files if f.startswith("facilitator/")], (
        "_toc.yml (the learner site) must not list facilitator pages"
    )
    generated = facilitator_site.toc_files(facilitator_site.facilitator_toc(REPO))
    assert [f for f in generated if f in learner_files] == learner_files, "order or pages differ"
    extra = [f for f in generated if f not in learner_files]
    assert "facilitator/index" in extra
    assert all(f.startswith(("facilitator/", "exercises/")) for f in extra), extra


def test_only_facilitator_pages_use_facilitator_only_parts():
    pattern = re.compile(r"\{facilitation\}\s+\S+\s+(notes|answer-keys|knowledge-check-key)")
    offenders = [
        path.relative_to(REPO).as_posix()
        for folder in ("book", "modules", "exercises")
        for path in (REPO / folder).rglob("*.md")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"learner pages that would show facilitator material: {offenders}"


@pytest.mark.parametrize("slug", SLUGS)
def test_handouts_carry_no_answer_key_text(slug):
    handout = REPO / "exercises" / slug / "handout.md"
    if not handout.is_file():
        pytest.skip(f"no handout for {slug}")
    key_grams: set[tuple[str, ...]] = set()
    for text in key_texts(slug):
        key_grams |= ngrams(normalise(text), KEY_RUN)
    runs = shared_runs(normalise(handout.read_text(encoding="utf-8")), key_grams, KEY_RUN)
    assert not runs, f"{handout.name} repeats answer-key text: {runs}"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _strings(item)]


def test_facilitator_text_shares_no_run_of_ten_words_with_the_sources():
    sources = source_texts()
    source_grams: set[tuple[str, ...]] = set()
    for text in sources.values():
        source_grams |= ngrams(normalise(text))
    texts = {
        p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((REPO / "facilitator").glob("*.md"))
    }
    for slug in SLUGS:
        texts[f"modules/{slug}/facilitation.yml"] = "\n\n".join(_strings(raw(slug)))
    problems = [
        f'{rel}: "{run}"'
        for rel, text in texts.items()
        for run in shared_runs(normalise(text), source_grams)
    ]
    assert not problems, "runs of 10+ words match the source article:\n" + "\n".join(problems)


def _copy_book(target: Path) -> Path:
    """Copy the book's sources to ``target`` (no caches, no build), sharing node_modules."""
    shutil.copytree(
        REPO,
        target,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "node_modules",
            "_build",
            "_vendor",
            ".pytest_cache",
            ".hypothesis",
            ".ruff_cache",
            "tests",
            "benchmarks",
            "*.egg-info",
            "test-artifacts",
            ".ipynb_checkpoints",
            "__pycache__",
        ),
    )
    (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return target


def _no_execute_config(root: Path) -> Path:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    path = root / "_config.noexec.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _build_facilitator(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(root / "scripts" / "facilitator_site.py"),
            "--root",
            str(root),
            "--no-execute",
        ],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=900,
        check=False,
    )


def _warnings(output: str) -> list[str]:
    return [
        re.sub(r"\x1b\[[0-9;]*m", "", line)
        for line in output.splitlines()
        if "WARNING" in line or "ERROR" in line or "Traceback" in line
    ]


def _add_handouts_to_learner_toc(root: Path) -> list[str]:
    """List each module's handout under its module in ``root/_toc.yml`` (as the site will)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    listed = set(facilitator_site.toc_files(toc))
    added = []
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            slug = chapter.get("file", "").removeprefix("modules/")
            handout = f"exercises/{slug}/handout"
            if "/" in slug or handout in listed or not (root / f"{handout}.md").is_file():
                continue
            chapter.setdefault("sections", []).append({"file": handout})
            added.append(handout)
    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return added


def test_handouts_listed_in_the_learner_toc_are_not_listed_twice(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    shutil.copy(REPO / "_toc.yml", root)
    shutil.copytree(REPO / "facilitator", root / "facilitator")
    shutil.copytree(REPO / "exercises", root / "exercises")
    added = _add_handouts_to_learner_toc(root)
    files = facilitator_site.toc_files(facilitator_site.facilitator_toc(root))
    assert len(files) == len(set(files)), "a page is listed twice in the facilitator TOC"
    assert all(handout in files for handout in added)


@pytest.fixture(scope="module")
def both_views(tmp_path_factory):
    """Build the learner and the facilitator views of a copy of the book, notebooks not run.

    The copy's learner TOC also lists each module's handout (as ``_toc.yml`` will), so the check
    that no answer key reaches a learner page covers the handouts too.
    """
    root = _copy_book(tmp_path_factory.mktemp("views") / "book")
    _add_handouts_to_learner_toc(root)
    learner = build_book(root, "--config", str(_no_execute_config(root)))
    facilitator = _build_facilitator(root)
    return root, learner, facilitator


@pytest.mark.slow
def test_both_views_build_and_answer_keys_reach_only_the_facilitator_view(both_views):
    root, learner, facilitator = both_views
    learner_site = root / "_build" / "html"
    facilitator_site_dir = root / "_build" / "facilitator" / "html"
    output = facilitator.stdout + facilitator.stderr
    assert (learner_site / "index.html").is_file(), learner.output[-3000:]
    assert (facilitator_site_dir / "facilitator" / "index.html").is_file(), output[-3000:]

    # the facilitator view adds no warning of its own, and its own pages have none
    own = [w for w in _warnings(output) if "/facilitator/" in w or "/exercises/" in w]
    assert not own, "warnings on facilitator pages or handouts:\n" + "\n".join(own)
    new = set(_warnings(output)) - set(_warnings(learner.output))
    assert not new, "the facilitator build warned where the learner build did not:\n" + "\n".join(
        sorted(new)
    )
    if not _warnings(learner.output):
        assert facilitator.returncode == 0, output[-3000:]

    # no facilitator page in the learner site
    assert not (learner_site / "facilitator").exists()

    learner_pages = {p: page_words(p) for p in learner_site.rglob("*.html")}
    search_index = learner_site / "searchindex.js"
    if search_index.is_file():
        learner_pages[search_index] = page_words(search_index)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    in_learner_toc = set(facilitator_site.toc_files(toc))
    checked = 0
    for slug in SLUGS:
        for phrase in key_phrases(slug):
            leaks = [
                p.relative_to(learner_site).as_posix()
                for p, w in learner_pages.items()
                if phrase in w
            ]
            assert not leaks, f"answer key text {phrase!r} is on learner pages: {leaks}"
            handout = facilitator_site_dir / "exercises" / slug / "handout.html"
            if handout.is_file():
                assert phrase not in page_words(handout), f"key text in {slug}'s handout"
            if f"modules/{slug}" in in_learner_toc:
                guide = facilitator_site_dir / "facilitator" / f"{slug}.html"
                assert phrase in page_words(guide), f"{phrase!r} missing from {guide.name}"
                checked += 1
    assert checked, "no module guide was in the facilitator view to check"

    # the generated schedules are in the facilitator view
    guide = (facilitator_site_dir / "facilitator" / f"{SLUGS[0]}.html").read_text("utf-8")
    assert "60-minute agenda for" in guide and "90-minute agenda for" in guide
    workshops = load_workshops()
    text = page_words(facilitator_site_dir / "facilitator" / "workshops.html")
    for workshop in workshops.values():
        for session in workshop.sessions:
            assert f"{session.minutes} minutes" in text, (workshop.id, session.title)

    # the facilitator edition is visibly another site: its banner on every page, never on the
    # learner's; the coach's guide is there with its screenshots
    banner = facilitator_site.BANNER.split(":")[0]
    assert banner in (facilitator_site_dir / "book" / "index.html").read_text("utf-8")
    assert banner not in (learner_site / "book" / "index.html").read_text("utf-8")
    run = (facilitator_site_dir / "facilitator" / "run-a-workshop.html").read_text("utf-8")
    for image in ("presenter-decks.png", "presenter-opening.png", "presenter-activity.png"):
        assert image in run and next(facilitator_site_dir.rglob(image), None), image


@pytest.mark.slow
def test_bad_metadata_fails_the_strict_build(tmp_path):
    """A tiny book: an agenda whose minutes do not add up, and keys on a learner page."""
    root = tmp_path / "book"
    (root / "modules" / "adaptive-work").mkdir(parents=True)
    (root / "facilitator").mkdir()
    (root / "book").mkdir()
    for name in ("module.yml", "facilitation.yml"):
        shutil.copy(REPO / "modules" / "adaptive-work" / name, root / "modules" / "adaptive-work")
    shutil.copy(REPO / "references.bib", root)
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    path = root / "modules" / "adaptive-work" / "facilitation.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["agendas"][90][0]["minutes"] += 3
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (root / "facilitator" / "guide.md").write_text(
        "# Guide\n\n```{agenda} adaptive-work 90\n```\n", encoding="utf-8"
    )
    (root / "book" / "page.md").write_text(
        "# A learner page\n\n```{facilitation} adaptive-work answer-keys\n```\n", encoding="utf-8"
    )
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: facilitator/guide\nchapters:\n  - file: book/page\n",
        encoding="utf-8",
    )
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "off"
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")

    result = build_book(root)
    assert result.returncode != 0, "the strict build passed with bad facilitation metadata"
    log = result.output
    assert "agenda 90: the minutes add up to 93, not 90" in log, log[-3000:]
    assert "may only appear on pages in facilitator/" in log, log[-3000:]


FACILITATOR_PAGES = sorted((REPO / "facilitator").glob("*.md")) + sorted(
    (REPO / "exercises").glob("*/handout.md")
)


@pytest.mark.parametrize("page", FACILITATOR_PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_pages_have_one_title_ordered_headings_and_no_raw_html(page):
    text = re.sub(r"^(```|:::).*?^\1", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", text, flags=re.M)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"{page.name}: one # title first"
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not jumps, f"{page.name}: heading levels jump {jumps}"
    assert not re.search(r"</?[a-zA-Z][^>]*>", text), f"{page.name}: raw HTML"
