"""The course as packages for a district's learning management system (LMS).

``make lms`` builds, from the same built site as ``make site``, into ``_build/lms/``:

* a SCORM 2004 4th edition package and a SCORM 1.2 package, one SCO per module
  (:mod:`equitykit.lms.scorm`), whose launch page reports to the LMS through the browser
  bridge in ``js/`` (``scorm_bridge.js``: the rules; ``sco.js``: the calls);
* an IMS Common Cartridge 1.3 with the modules as web content and each knowledge check as
  a QTI assessment the LMS grades itself (:mod:`equitykit.lms.cartridge`).

Every package holds every file it needs; nothing is loaded from another host. What the
launch page ships is computed here (:mod:`equitykit.lms.sco`); how a module is scored is a
rule on the learner's input, so it lives once, in ``js/scorm_bridge.js``.
"""
