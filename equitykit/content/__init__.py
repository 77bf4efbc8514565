"""The course content layer: each module's ``module.yml`` and ``facilitation.yml``.

Content is loaded and checked against one schema here; widgets, the journal and the book
read it from here and never parse the files themselves.
"""
