"""The certificate of completion and the evidence packet, made by the learner for PD credit.

Python ships what the course says about each module (its label, minutes, objectives and the
Learning Forward standards it addresses, from ``module.yml``) with the course outline; the
browser decides from the learner's saved work which modules are done and when
(``js/certificate.js``, on the progress rules of ``js/lib/completion.js``), and writes the
certificate and the packet (certificate, the reflections the learner picks, the plan). The
name is typed by the learner and never saved. Nothing is sent anywhere; the wording says the
learner made it from their own saved work and that the district decides what counts.
"""

from __future__ import annotations

import traitlets

from equitykit.content.keys import legacy_keys
from equitykit.content.modules import Module, course_modules
from equitykit.content.outline import module_outline
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget

__all__ = ["CERTIFICATE_TEXTS", "Certificate", "certificate_page"]

#: The certificate's fixed wording (one home: here).
CERTIFICATE_TEXTS = {
    "course": "Adaptive Equity Leadership",
    "title": "Certificate of completion",
    "made_by": (
        "The learner made this certificate from their own saved work in the course. The "
        "course does not verify identity or check the work, and nothing was sent anywhere."
    ),
    "credit": (
        "Hours are the course's estimated self-paced time for each completed module. Whether "
        "these modules count for professional learning credit, and for how many hours, is "
        "decided by the learner's district or credentialing body."
    ),
    "standards_source": "Learning Forward, Standards for Professional Learning (2022).",
    "packet_title": "Evidence packet for a professional learning credit request",
    "packet_note": (
        "Before you attach this packet, read it as a stranger would: remove students' names "
        "and any number for a group small enough that a student could be recognised."
    ),
}


class Certificate(StoredWidget):
    """The certificate page: it reads the learner's saved work and saves nothing."""

    _stem = "certificate"
    modules = traitlets.List().tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)


def module_record(module: Module) -> dict:
    """Describe one module for the certificate, with its outline for the progress rules.

    Parameters
    ----------
    module
        The module.

    Returns
    -------
    dict
        The module's outline plus ``minutes``, ``objectives`` (their texts) and
        ``standards`` (the Learning Forward standards it addresses).
    """
    return {
        **module_outline(module),
        "minutes": module.minutes,
        "objectives": [o.text for o in module.objectives],
        "standards": list(module.content.learning_forward),
    }


def certificate_page(
    modules: list[Module] | None = None, journal: Journal | None = None
) -> Certificate:
    """Build the certificate page for the course's modules.

    Parameters
    ----------
    modules
        The modules, in course order; defaults to every module of the course.
    journal
        Where the saved work is read in JupyterLab; defaults to the learner's journal.

    Returns
    -------
    Certificate
    """
    loaded = modules if modules is not None else course_modules()
    records = [module_record(m) for m in loaded]
    keys = [a["key"] for m in records for a in m["activities"]]
    return Certificate(
        modules=records,
        texts=CERTIFICATE_TEXTS,
        key="",
        reads=keys,
        legacy=legacy_keys(loaded),
        journal=journal,
    )
