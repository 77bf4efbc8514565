"""The IMS Common Cartridge 1.3: the modules as web content, each knowledge check as QTI.

Each module is a folder of the cartridge's organization with its pages (web content: the
built site's own pages, under ``web_resources/course/``) and its knowledge check as an IMS
QTI 1.2.1 assessment in the Common Cartridge profile (``cc.exam.v0p1``, one
``cc.multiple_choice.v0p1`` item per question with its right answer and the feedback of every
option), so the LMS grades the check itself. The content comes from ``module.yml``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from equitykit.content.modules import Module
from equitykit.lms.settings import COURSE_TITLE, MANIFEST_ID

__all__ = ["CC_NS", "QTI_NS", "SITE_FOLDER", "cartridge_manifest", "qti_assessment", "qti_path"]

CC_NS = {
    "": "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1",
    "lomimscc": "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest",
}
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p3"
#: Where the built site sits inside the cartridge.
SITE_FOLDER = "web_resources/course"
ASSESSMENT_TYPE = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"


def _cc(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{CC_NS[prefix]}}}{local}"


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, _cc(name), attrs)
    if text is not None:
        node.text = text
    return node


def qti_path(module: Module) -> str:
    """Where a module's knowledge check sits in the cartridge."""
    return f"assessments/{module.slug}-knowledge-check/assessment.xml"


def _field(parent: ET.Element, label: str, entry: str) -> None:
    field = ET.SubElement(parent, f"{{{QTI_NS}}}qtimetadatafield")
    ET.SubElement(field, f"{{{QTI_NS}}}fieldlabel").text = label
    ET.SubElement(field, f"{{{QTI_NS}}}fieldentry").text = entry


def _material(parent: ET.Element, text: str) -> None:
    material = ET.SubElement(parent, f"{{{QTI_NS}}}material")
    ET.SubElement(material, f"{{{QTI_NS}}}mattext", {"texttype": "text/plain"}).text = text


def _item(section: ET.Element, module: Module, number: int, question) -> None:
    q = lambda name: f"{{{QTI_NS}}}{name}"  # noqa: E731
    item = ET.SubElement(
        section, q("item"), {"ident": f"{module.slug}-{question.id}", "title": f"Question {number}"}
    )
    meta = ET.SubElement(ET.SubElement(item, q("itemmetadata")), q("qtimetadata"))
    _field(meta, "cc_profile", "cc.multiple_choice.v0p1")
    _field(meta, "cc_weighting", "1")
    presentation = ET.SubElement(item, q("presentation"))
    _material(presentation, question.question)
    response = ET.SubElement(
        presentation, q("response_lid"), {"ident": "response", "rcardinality": "Single"}
    )
    choices = ET.SubElement(response, q("render_choice"))
    for option in question.options:
        label = ET.SubElement(choices, q("response_label"), {"ident": option.id})
        _material(label, option.text)
    processing = ET.SubElement(item, q("resprocessing"))
    outcomes = ET.SubElement(processing, q("outcomes"))
    ET.SubElement(
        outcomes,
        q("decvar"),
        {"varname": "SCORE", "vartype": "Decimal", "minvalue": "0", "maxvalue": "100"},
    )
    ordered = sorted(question.options, key=lambda o: not o.correct)  # the right answer first
    for option in ordered:
        condition = ET.SubElement(
            processing, q("respcondition"), {"continue": "No" if option.correct else "Yes"}
        )
        test = ET.SubElement(condition, q("conditionvar"))
        ET.SubElement(test, q("varequal"), {"respident": "response"}).text = option.id
        if option.correct:
            ET.SubElement(
                condition, q("setvar"), {"varname": "SCORE", "action": "Set"}
            ).text = "100"
        ET.SubElement(
            condition,
            q("displayfeedback"),
            {"feedbacktype": "Response", "linkrefid": f"feedback-{option.id}"},
        )
    for option in question.options:
        feedback = ET.SubElement(
            item, q("itemfeedback"), {"ident": f"feedback-{option.id}", "view": "Candidate"}
        )
        _material(ET.SubElement(feedback, q("flow_mat")), option.feedback)


def qti_assessment(module: Module) -> str:
    """Return the QTI 1.2.1 assessment (Common Cartridge profile) of a module's check.

    Parameters
    ----------
    module
        The module; its ``knowledge-check`` activity gives the questions.

    Returns
    -------
    str
        The assessment's XML.
    """
    check = module.activity("knowledge-check")
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{QTI_NS}}}questestinterop")
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{QTI_NS} {PROFILE}/ccv1p3_qtiasiv1p2p1_v1p0.xsd",
    )
    assessment = ET.SubElement(
        root,
        f"{{{QTI_NS}}}assessment",
        {"ident": f"{module.slug}-knowledge-check", "title": f"{module.label}: knowledge check"},
    )
    meta = ET.SubElement(assessment, f"{{{QTI_NS}}}qtimetadata")
    _field(meta, "cc_profile", "cc.exam.v0p1")
    _field(meta, "qmd_assessmenttype", "Examination")
    _field(meta, "qmd_scoretype", "Percentage")
    _field(meta, "cc_maxattempts", "unlimited")
    section = ET.SubElement(assessment, f"{{{QTI_NS}}}section", {"ident": "root_section"})
    for number, question in enumerate(check.questions, 1):
        _item(section, module, number, question)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def cartridge_manifest(
    modules: Sequence[Module],
    pages: dict[str, Sequence[tuple[str, str]]],
    site_files: Sequence[str],
) -> str:
    """Return the cartridge's ``imsmanifest.xml``.

    Parameters
    ----------
    modules
        The modules, in order.
    pages
        Each module's pages by slug: ``(label, path from the site root)``.
    site_files
        Every file of the built site, from the site root.

    Returns
    -------
    str
        The manifest.

    Raises
    ------
    ValueError
        When a module has no pages, or a page is not a file of the site.
    """
    known = set(site_files)
    for module in modules:
        if not pages.get(module.slug):
            raise ValueError(f"module {module.slug!r} has no pages in the built site")
        missing = [path for _, path in pages[module.slug] if path not in known]
        if missing:
            raise ValueError(f"module {module.slug!r}: pages missing from the site: {missing}")
    for prefix, uri in CC_NS.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_cc(":manifest"), {"identifier": f"{MANIFEST_ID}-cc"})
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{CC_NS['']} {PROFILE}/ccv1p3_imscp_v1p2_v1p0.xsd "
        f"{CC_NS['lomimscc']} {PROFILE}/LOM/ccv1p3_lommanifest_v1p0.xsd",
    )
    metadata = _el(root, ":metadata")
    _el(metadata, ":schema", "IMS Common Cartridge")
    _el(metadata, ":schemaversion", "1.3.0")
    general = _el(_el(metadata, "lomimscc:lom"), "lomimscc:general")
    _el(_el(general, "lomimscc:title"), "lomimscc:string", COURSE_TITLE, language="en-US")
    organization = _el(
        _el(root, ":organizations"), ":organization", identifier="org", structure="rooted-hierarchy"
    )
    top = _el(organization, ":item", identifier="root")
    resources = _el(root, ":resources")
    for module in modules:
        folder = _el(top, ":item", identifier=f"module-{module.slug}")
        _el(folder, ":title", module.label)
        for number, (label, path) in enumerate(pages[module.slug], 1):
            ident = f"page-{module.slug}-{number}"
            item = _el(folder, ":item", identifier=f"item-{ident}", identifierref=ident)
            _el(item, ":title", label)
            resource = _el(
                resources,
                ":resource",
                identifier=ident,
                type="webcontent",
                href=f"{SITE_FOLDER}/{path}",
            )
            _el(resource, ":file", href=f"{SITE_FOLDER}/{path}")
            _el(resource, ":dependency", identifierref="course-files")
        check = f"check-{module.slug}"
        item = _el(folder, ":item", identifier=f"item-{check}", identifierref=check)
        _el(item, ":title", f"{module.label}: knowledge check")
        resource = _el(resources, ":resource", identifier=check, type=ASSESSMENT_TYPE)
        _el(resource, ":file", href=qti_path(module))
    shared = _el(resources, ":resource", identifier="course-files", type="webcontent")
    listed = {path for module in modules for _, path in pages[module.slug]}
    for path in site_files:
        if path not in listed:
            _el(shared, ":file", href=f"{SITE_FOLDER}/{path}")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
