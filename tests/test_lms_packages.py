"""The LMS packages: every manifest valid against the published schemas, every file inside.

The packages are built here from a small stand-in for the built site (the pages each module
needs, a stylesheet, a script), so these tests take seconds; the browser tests
(tests/browser/test_lms_browser.py) use the real site. Where the schemas come from, and what
could not be obtained, is said in tests/lms_schemas.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from equitykit.content.modules import course_modules
from equitykit.lms import build as lms_build
from equitykit.lms.build import LmsBuildError, build_packages
from equitykit.lms.cartridge import CC_NS, QTI_NS, qti_path
from equitykit.lms.settings import PACKAGE_FILES, PASSING_SCORE
from tests import lms_schemas

REPO = Path(__file__).resolve().parents[1]
CC_TYPES = {"webcontent", "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"}


def fake_site(root: Path) -> Path:
    """The pages each module needs, and a few shared files, as the built site has them."""
    (root / "_static").mkdir(parents=True)
    (root / "index.html").write_text("<html><body>Course</body></html>", encoding="utf-8")
    (root / "_static" / "course.css").write_text("body{}", encoding="utf-8")
    (root / "book").mkdir()
    for page in ("progress", "certificate"):
        (root / "book" / f"{page}.html").write_text(f"<p>{page}</p>", encoding="utf-8")
    for module in course_modules():
        (root / "modules" / module.slug).mkdir(parents=True)
        (root / "modules" / f"{module.slug}.html").write_text("<p>landing</p>", encoding="utf-8")
        for page in ("reading", "practice"):
            path = root / "modules" / module.slug / f"{page}.html"
            path.write_text(f"<p>{page}</p>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    if not lms_build.SCO_SCRIPT.is_file():
        subprocess.run(["node", str(REPO / "scripts" / "build_lms.mjs")], check=True, cwd=REPO)
    site = fake_site(tmp_path_factory.mktemp("site"))
    out = tmp_path_factory.mktemp("lms")
    built = {p.standard: p for p in build_packages(site, out)}
    return site, built


def read(package, name: str) -> bytes:
    with zipfile.ZipFile(package.path) as archive:
        return archive.read(name)


def names(package) -> set[str]:
    with zipfile.ZipFile(package.path) as archive:
        return set(archive.namelist())


def test_make_lms_writes_the_three_packages(packages):
    _, built = packages
    assert sorted(p.path.name for p in built.values()) == sorted(PACKAGE_FILES.values())
    for package in built.values():
        assert zipfile.is_zipfile(package.path)
        with zipfile.ZipFile(package.path) as archive:
            assert archive.namelist()[0] == "imsmanifest.xml"
            assert archive.testzip() is None


@pytest.mark.parametrize(
    ("standard", "schema"), [("2004", lms_schemas.scorm2004), ("1.2", lms_schemas.scorm12)]
)
def test_scorm_manifests_are_valid_against_the_published_xsds(packages, standard, schema):
    _, built = packages
    manifest = read(built[standard], "imsmanifest.xml")
    assert lms_schemas.errors(schema(), manifest) == []


@pytest.mark.parametrize(
    ("standard", "schema"), [("2004", lms_schemas.scorm2004), ("1.2", lms_schemas.scorm12)]
)
def test_the_schema_check_catches_a_broken_manifest(packages, standard, schema):
    _, built = packages
    root = etree.fromstring(read(built[standard], "imsmanifest.xml"))
    item = root.find(".//{*}item")
    item.append(etree.Element(item[0].tag))  # a second title, after the item's content
    del root.find(".//{*}resource").attrib["identifier"]
    assert len(lms_schemas.errors(schema(), root)) >= 2


def test_the_2004_manifest_hands_the_passing_score_and_leaves_status_to_the_content(packages):
    _, built = packages
    root = etree.fromstring(read(built["2004"], "imsmanifest.xml"))
    ns = {
        "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "ss": "http://www.imsglobal.org/xsd/imsss",
    }
    items = root.findall(".//cp:organization/cp:item", ns)
    assert [i.get("identifier") for i in items] == [f"item-{m.slug}" for m in course_modules()]
    for item in items:
        measure = item.find("ss:sequencing/ss:objectives/ss:primaryObjective", ns)
        assert measure.get("satisfiedByMeasure") == "false"
        assert float(measure.findtext("ss:minNormalizedMeasure", namespaces=ns)) == PASSING_SCORE
        delivery = item.find("ss:sequencing/ss:deliveryControls", ns)
        assert delivery.get("completionSetByContent") == "true"
    assert root.findtext(".//cp:metadata/cp:schemaversion", namespaces=ns) == "2004 4th Edition"


@pytest.mark.parametrize("standard", ["2004", "1.2", "cc"])
def test_every_file_the_manifest_names_is_inside_and_every_file_inside_is_named(packages, standard):
    _, built = packages
    root = etree.fromstring(read(built[standard], "imsmanifest.xml"))
    listed = {f.get("href") for f in root.iter("{*}file")}
    inside = names(built[standard]) - {"imsmanifest.xml"}
    assert listed == inside
    resources = {r.get("identifier") for r in root.iter("{*}resource")}
    refs = {e.get("identifierref") for e in root.iter() if e.get("identifierref")}
    assert refs <= resources


@pytest.mark.parametrize("standard", ["2004", "1.2"])
def test_each_module_is_one_sco_whose_launch_page_ships_its_outline(packages, standard):
    _, built = packages
    root = etree.fromstring(read(built[standard], "imsmanifest.xml"))
    scos = [
        r
        for r in root.iter("{*}resource")
        if "sco" in {v for k, v in r.attrib.items() if k.endswith(("scormType", "scormtype"))}
    ]
    assert [r.get("href") for r in scos] == [f"lms/{m.slug}.html" for m in course_modules()]
    page = read(built[standard], "lms/adaptive-work.html").decode()
    data = json.loads(re.search(r'id="ek-sco-data">(.*?)</script>', page, re.S).group(1))
    assert data["standard"] == standard
    assert data["module"]["slug"] == "adaptive-work"
    assert "adaptive-work/knowledge-check" in [a["key"] for a in data["module"]["activities"]]
    assert data["start_page"] == "modules/adaptive-work.html"
    assert 'href="../book/certificate.html"' in page


@pytest.mark.parametrize("standard", ["2004", "1.2", "cc"])
def test_nothing_in_a_package_loads_from_another_host(packages, standard):
    _, built = packages
    with zipfile.ZipFile(built[standard].path) as archive:
        for name in archive.namelist():
            if name.startswith("lms/") and name.endswith((".html", ".js", ".css")):
                text = archive.read(name).decode("utf-8")
                assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), name
                assert "fetch(" not in text and "XMLHttpRequest" not in text, name


def test_the_cartridge_follows_the_common_cartridge_1_3_profile(packages):
    _, built = packages
    manifest = read(built["cc"], "imsmanifest.xml")
    as_cp = lms_schemas.cartridge_as_content_package(manifest, CC_NS[""])
    assert lms_schemas.errors(lms_schemas.content_packaging(), as_cp) == []
    root = etree.fromstring(manifest)
    ns = {"cc": CC_NS[""]}
    assert root.tag == f"{{{CC_NS['']}}}manifest"
    assert root.findtext("cc:metadata/cc:schema", namespaces=ns) == "IMS Common Cartridge"
    assert root.findtext("cc:metadata/cc:schemaversion", namespaces=ns) == "1.3.0"
    organizations = root.findall("cc:organizations/cc:organization", ns)
    assert len(organizations) == 1 and organizations[0].get("structure") == "rooted-hierarchy"
    tops = organizations[0].findall("cc:item", ns)
    assert len(tops) == 1 and tops[0].find("cc:title", ns) is None  # the root item: no title
    for item in tops[0].iter(f"{{{CC_NS['']}}}item"):
        if item is not tops[0]:
            assert item.findtext("cc:title", namespaces=ns), item.get("identifier")
    assert root.find(".//cc:manifest", ns) is None  # no sub-manifests
    assert {r.get("type") for r in root.iter(f"{{{CC_NS['']}}}resource")} <= CC_TYPES
    folders = [i.findtext("cc:title", namespaces=ns) for i in tops[0].findall("cc:item", ns)]
    assert folders == [m.label for m in course_modules()]


def test_each_knowledge_check_is_a_qti_assessment_the_lms_can_grade(packages):
    _, built = packages
    q = {"q": QTI_NS}
    for module in course_modules():
        check = module.activity("knowledge-check")
        root = etree.fromstring(read(built["cc"], qti_path(module)))
        assert root.tag == f"{{{QTI_NS}}}questestinterop"
        profile = root.xpath(
            "//q:assessment/q:qtimetadata/q:qtimetadatafield[q:fieldlabel='cc_profile']/q:fieldentry/text()",
            namespaces=q,
        )
        assert profile == ["cc.exam.v0p1"]
        items = root.findall(".//q:item", q)
        assert len(items) == len(check.questions)
        for item, question in zip(items, check.questions, strict=True):
            labels = [lab.get("ident") for lab in item.findall(".//q:response_label", q)]
            assert labels == [o.id for o in question.options]
            right = item.xpath(
                "q:resprocessing/q:respcondition[q:setvar='100']/q:conditionvar/q:varequal/text()",
                namespaces=q,
            )
            assert right == [next(o.id for o in question.options if o.correct)]
            feedback = {
                f.get("ident"): "".join(f.itertext()).strip()
                for f in item.findall("q:itemfeedback", q)
            }
            assert feedback == {f"feedback-{o.id}": o.feedback.strip() for o in question.options}
            refs = item.xpath(".//q:displayfeedback/@linkrefid", namespaces=q)
            assert sorted(refs) == sorted(feedback)


def test_a_missing_site_or_script_stops_the_build_with_a_message_and_writes_nothing(
    tmp_path, monkeypatch
):
    out = tmp_path / "lms"
    with pytest.raises(LmsBuildError, match="make site"):
        build_packages(tmp_path / "nowhere", out)
    site = fake_site(tmp_path / "site")
    monkeypatch.setattr(lms_build, "SCO_SCRIPT", tmp_path / "missing.js")
    with pytest.raises(LmsBuildError, match="make lms"):
        build_packages(site, out)
    assert not out.exists() or not any(out.iterdir())


def test_the_command_says_what_is_wrong_and_exits_2(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "equitykit.lms",
            "--site",
            str(tmp_path / "none"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 2
    assert "no built site" in done.stderr and "Traceback" not in done.stderr
