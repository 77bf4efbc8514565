"""The third-party checker finds what a browser would fetch from another host."""

from equitykit.sphinxext.site_checks import check_html, css_references, is_external

ALLOWED = frozenset({"www.ecfr.gov"})


def test_local_page_passes():
    html = '<script src="../_static/vendor/require.js"></script><a href="../index.html">Home</a>'
    assert check_html(html, allowed_link_hosts=ALLOWED) == []


def test_external_script_is_reported():
    html = '<script src="https://cdn.jsdelivr.net/npm/x/embed.js"></script>'
    problems = check_html(html, allowed_link_hosts=ALLOWED)
    assert [p.url for p in problems] == ["https://cdn.jsdelivr.net/npm/x/embed.js"]
    assert problems[0].context == "<script src>"


def test_protocol_relative_stylesheet_is_reported():
    problems = check_html('<link rel="stylesheet" href="//fonts.example.com/a.css">')
    assert problems and problems[0].url == "//fonts.example.com/a.css"


def test_allowed_citation_link_passes_but_not_as_an_image():
    link = '<a href="https://www.ecfr.gov/current/title-34">34 CFR 300</a>'
    assert check_html(link, allowed_link_hosts=ALLOWED) == []
    image = '<img src="https://www.ecfr.gov/logo.png" alt="">'
    assert check_html(image, allowed_link_hosts=ALLOWED)


def test_link_to_host_not_on_allow_list_is_reported():
    problems = check_html(
        '<a href="https://tracker.example.org/x">x</a>', allowed_link_hosts=ALLOWED
    )
    assert problems


def test_url_named_in_inline_script_is_reported():
    html = '<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"</script>'
    problems = check_html(html, allowed_link_hosts=ALLOWED)
    assert any("unpkg.com" in p.url for p in problems)


def test_svg_namespace_is_not_a_request():
    html = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    assert check_html(html) == []


def test_css_url_and_import_found():
    css = "@import 'https://x.example/a.css'; .a { background: url(https://y.example/b.png) }"
    assert css_references(css) == ["https://x.example/a.css", "https://y.example/b.png"]
    assert check_html(f"<style>{css}</style>")


def test_loopback_is_local():
    assert not is_external("http://127.0.0.1:8000/index.html")
    assert is_external("https://example.org/")
