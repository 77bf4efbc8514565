"""No placeholder repository or launch address reaches a built site (book/publishing.md)."""

from __future__ import annotations

import pytest

from equitykit.sphinxext.publishing import placeholder_problems


def test_the_shipped_settings_have_no_buttons_and_no_placeholders(repo):
    import yaml

    config = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8"))
    options = {
        "repository_url": config["repository"]["url"],
        "launch_buttons": config["launch_buttons"],
        "use_repository_button": config["html"]["use_repository_button"],
    }
    assert placeholder_problems(options) == []
    assert not options["repository_url"] and not options["use_repository_button"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"repository_url": "https://github.com/your-district/course"}, "repository: url"),
        (
            {"repository_url": "https://github.com/acps/course",
             "launch_buttons": {"jupyterhub_url": "https://jupyterhub.acps.example"}},
            "jupyterhub_url",
        ),
        ({"launch_buttons": {"binderhub_url": "https://mybinder.org"}}, "no repository: url"),
        ({"use_repository_button": True}, "repository button"),
    ],
)  # fmt: skip
def test_a_placeholder_or_a_launch_without_a_repository_is_refused(options, named):
    problems = placeholder_problems(options)
    assert problems and named in problems[0]


def test_real_addresses_pass():
    options = {
        "repository_url": "https://github.com/alder-creek/equity-course",
        "use_repository_button": True,
        "launch_buttons": {"binderhub_url": "https://mybinder.org"},
    }
    assert placeholder_problems(options) == []
