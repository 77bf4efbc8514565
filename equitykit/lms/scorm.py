"""The SCORM manifests: SCORM 2004 4th edition and SCORM 1.2, one SCO per module.

Each module is one item of the course's organization, launched by its own page
(``lms/<slug>.html``); every file of the built site is one shared asset resource that each
SCO depends on, so the package lists every file it holds. The SCORM 2004 manifest gives each
item a primary objective whose minimum normalized measure is the passing score (the LMS hands
it to the SCO as ``cmi.scaled_passing_score``) and says the content sets completion and
success itself. The SCORM 1.2 manifest has no mastery score, so the LMS takes the status the
SCO reports instead of deciding pass or fail from the score.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from equitykit.content.modules import Module
from equitykit.lms.settings import COURSE_TITLE, MANIFEST_ID, PASSING_SCORE, SCO_FOLDER

__all__ = ["SCHEMA_FILES", "scorm12_manifest", "scorm2004_manifest"]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
NS_12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
#: The schema files each package carries at its root, as SCORM packages conventionally do.
SCHEMA_FILES = {
    "2004": {
        "imscp_v1p1": "imscp_v1p1.xsd",
        "adlcp": "adlcp_v1p3.xsd",
        "adlseq": "adlseq_v1p3.xsd",
        "adlnav": "adlnav_v1p3.xsd",
        "imsss": "imsss_v1p0.xsd",
    },
    "1.2": {
        "imscp": "imscp_rootv1p1p2.xsd",
        "imsmd": "imsmd_rootv1p2p1.xsd",
        "adlcp": "adlcp_rootv1p2.xsd",
    },
}


def _q(ns: dict[str, str], name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{ns[prefix]}}}{local}"


def _sub(parent: ET.Element, ns: dict[str, str], name: str, text: str | None = None, **attrs):
    node = ET.SubElement(parent, _q(ns, name), {_attr(ns, k): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _attr(ns: dict[str, str], name: str) -> str:
    name = name.replace("__", ":")
    return _q(ns, name) if ":" in name else name


def _serialise(root: ET.Element, ns: dict[str, str]) -> str:
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _files(parent: ET.Element, ns: dict[str, str], files: Sequence[str]) -> None:
    for path in files:
        _sub(parent, ns, ":file", href=path)


def _check(modules: Sequence[Module], files: Sequence[str]) -> None:
    if not modules:
        raise ValueError("a SCORM package needs at least one module")
    present = set(files)
    for module in modules:
        launch = f"{SCO_FOLDER}/{module.slug}.html"
        if launch not in present:
            raise ValueError(f"the package has no launch page {launch} for {module.slug!r}")


def scorm2004_manifest(modules: Sequence[Module], files: Sequence[str]) -> str:
    """Return the SCORM 2004 4th edition ``imsmanifest.xml``.

    Parameters
    ----------
    modules
        The course's modules, in order: one SCO each.
    files
        Every file of the package except the manifest, as paths from its root.

    Returns
    -------
    str
        The manifest.

    Raises
    ------
    ValueError
        When there is no module, or a module's launch page is not among ``files``.
    """
    _check(modules, files)
    ns = NS_2004
    namespaces = {"imscp_v1p1": ns[""], **{k: ns[k] for k in ns if k}}
    locations = " ".join(f"{namespaces[k]} {v}" for k, v in SCHEMA_FILES["2004"].items())
    root = ET.Element(_q(ns, ":manifest"), {"identifier": MANIFEST_ID, "version": "1"})
    root.set(f"{{{XSI}}}schemaLocation", locations)
    metadata = _sub(root, ns, ":metadata")
    _sub(metadata, ns, ":schema", "ADL SCORM")
    _sub(metadata, ns, ":schemaversion", "2004 4th Edition")
    organizations = _sub(root, ns, ":organizations", default="course")
    organization = _sub(organizations, ns, ":organization", identifier="course")
    _sub(organization, ns, ":title", COURSE_TITLE)
    for module in modules:
        item = _sub(
            organization,
            ns,
            ":item",
            identifier=f"item-{module.slug}",
            identifierref=f"sco-{module.slug}",
        )
        _sub(item, ns, ":title", module.label)
        sequencing = _sub(item, ns, "imsss:sequencing")
        objectives = _sub(sequencing, ns, "imsss:objectives")
        primary = _sub(
            objectives,
            ns,
            "imsss:primaryObjective",
            objectiveID=f"{module.slug}-mastery",
            satisfiedByMeasure="false",
        )
        _sub(primary, ns, "imsss:minNormalizedMeasure", f"{PASSING_SCORE}")
        _sub(
            sequencing,
            ns,
            "imsss:deliveryControls",
            completionSetByContent="true",
            objectiveSetByContent="true",
        )
    course_sequencing = _sub(organization, ns, "imsss:sequencing")
    _sub(course_sequencing, ns, "imsss:controlMode", choice="true", flow="true")
    _resources(root, ns, modules, files, "adlcp__scormType")
    return _serialise(root, ns)


def scorm12_manifest(modules: Sequence[Module], files: Sequence[str]) -> str:
    """Return the SCORM 1.2 ``imsmanifest.xml``.

    Parameters
    ----------
    modules
        The course's modules, in order: one SCO each.
    files
        Every file of the package except the manifest, as paths from its root.

    Returns
    -------
    str
        The manifest.

    Raises
    ------
    ValueError
        When there is no module, or a module's launch page is not among ``files``.
    """
    _check(modules, files)
    ns = NS_12
    locations = (
        f"{ns['']} {SCHEMA_FILES['1.2']['imscp']} "
        f"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 {SCHEMA_FILES['1.2']['imsmd']} "
        f"{ns['adlcp']} {SCHEMA_FILES['1.2']['adlcp']}"
    )
    root = ET.Element(_q(ns, ":manifest"), {"identifier": MANIFEST_ID, "version": "1.0"})
    root.set(f"{{{XSI}}}schemaLocation", locations)
    metadata = _sub(root, ns, ":metadata")
    _sub(metadata, ns, ":schema", "ADL SCORM")
    _sub(metadata, ns, ":schemaversion", "1.2")
    organizations = _sub(root, ns, ":organizations", default="course")
    organization = _sub(organizations, ns, ":organization", identifier="course")
    _sub(organization, ns, ":title", COURSE_TITLE)
    for module in modules:
        item = _sub(
            organization,
            ns,
            ":item",
            identifier=f"item-{module.slug}",
            identifierref=f"sco-{module.slug}",
        )
        _sub(item, ns, ":title", module.label)
    _resources(root, ns, modules, files, "adlcp__scormtype")  # SCORM 1.2 spells it in lower case
    return _serialise(root, ns)


def _resources(
    root: ET.Element, ns: dict[str, str], modules: Sequence[Module], files: Sequence[str], kind: str
) -> None:
    """Add the resources: one SCO per module, and one asset holding every other file.

    ``kind`` is the attribute naming a resource's SCORM type (its spelling differs by version).
    """
    resources = _sub(root, ns, ":resources")
    launches = {f"{SCO_FOLDER}/{m.slug}.html" for m in modules}
    for module in modules:
        launch = f"{SCO_FOLDER}/{module.slug}.html"
        resource = _sub(
            resources,
            ns,
            ":resource",
            identifier=f"sco-{module.slug}",
            type="webcontent",
            href=launch,
            **{kind: "sco"},
        )
        _files(resource, ns, [launch])
        _sub(resource, ns, ":dependency", identifierref="course-files")
    assets = _sub(
        resources, ns, ":resource", identifier="course-files", type="webcontent", **{kind: "asset"}
    )
    _files(assets, ns, [f for f in files if f not in launches])
