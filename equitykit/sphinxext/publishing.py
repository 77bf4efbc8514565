"""Refuse placeholder addresses in a site: a learner must never press a button that fails.

The repository button and the launch menu point wherever ``_config.yml`` says. The kit ships
them empty (no buttons); a publisher fills them in. An address that is still a placeholder
(``your-district``, a ``.example`` host, ``example.com``/``example.org``), or a launch
address without the repository it copies from, stops the build with a message saying which
setting to change.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

PLACEHOLDER = re.compile(
    r"your-district|\.example(?:[:/]|$)|//(?:www\.)?example\.(?:com|org|net)\b", re.IGNORECASE
)


def placeholder_problems(options: dict) -> list[str]:
    """Return what is wrong with the theme's repository and launch settings."""
    problems = []
    repository = str(options.get("repository_url") or "")
    launch = options.get("launch_buttons") or {}
    settings = {
        "repository: url": repository,
        "launch_buttons: jupyterhub_url": str(launch.get("jupyterhub_url") or ""),
        "launch_buttons: binderhub_url": str(launch.get("binderhub_url") or ""),
        "launch_buttons: colab_url": str(launch.get("colab_url") or ""),
    }
    for name, value in settings.items():
        if value and PLACEHOLDER.search(value):
            problems.append(
                f"_config.yml {name} is still a placeholder ({value}): set your district's "
                "address or leave it empty (book/publishing.md, 'Set the launch options')"
            )
    launches = [n for n, v in settings.items() if n.startswith("launch") and v]
    if launches and not repository:
        problems.append(
            f"_config.yml sets {', '.join(launches)} but no repository: url, so the launch "
            "links would have nothing to open: set repository: url or empty the launch settings"
        )
    if options.get("use_repository_button") and not repository:
        problems.append("_config.yml asks for the repository button but repository: url is empty")
    return problems


def refuse_placeholders(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: stop the build on a placeholder address."""
    problems = placeholder_problems(dict(config.html_theme_options or {}))
    if problems:
        raise ConfigError("\n".join(problems))


def setup(app: Sphinx) -> None:
    """Connect the check (after Jupyter Book has turned ``_config.yml`` into theme options)."""
    app.connect("config-inited", refuse_placeholders, priority=900)
