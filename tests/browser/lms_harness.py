"""A test LMS on 127.0.0.1: scorm-again's LMS-side API, serving the packages as an LMS would.

Routes:

* ``/pkg/<standard>/...``: the files of an unpacked package (``2004`` or ``1.2``);
* ``/lms/player?sco=<slug>&standard=<2004|1.2>&mode=<iframe|popup>``: the LMS's player page.
  It creates scorm-again's ``Scorm2004API`` (as ``window.API_1484_11``) or ``Scorm12API`` (as
  ``window.API``), loads what the LMS kept from the SCO's last session, and launches the SCO
  in an iframe, or in a popup from a "Launch" button;
* ``/lms/commit?sco=<slug>&standard=...``: where scorm-again sends every commit (flattened
  CMI, synchronous, as a SCORM-conformant LMS would); the server keeps each one;
* ``/lms/scorm-again/<file>``: scorm-again's own browser builds, from ``node_modules``.

What the LMS received is :attr:`LmsServer.commits`; what it keeps for the next launch is the
last commit's data, as an LMS keeps a suspended attempt.
"""

from __future__ import annotations

import http.server
import json
import threading
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[2]
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
#: What an LMS hands back on the next launch (the LMS-owned elements are set by the LMS).
_KEPT = {
    "2004": (
        "cmi.suspend_data",
        "cmi.location",
        "cmi.completion_status",
        "cmi.success_status",
        "cmi.score.scaled",
        "cmi.score.raw",
        "cmi.score.max",
        "cmi.score.min",
    ),
    "1.2": (
        "cmi.suspend_data",
        "cmi.core.lesson_location",
        "cmi.core.lesson_status",
        "cmi.core.score.raw",
        "cmi.core.score.max",
        "cmi.core.score.min",
    ),
}

PLAYER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/lms/scorm-again/{script}"></script></head>
<body>
<h1>Test LMS: {sco}</h1>
<button id="launch" type="button">Launch</button>
<div id="holder"></div>
<script>
  const settings = {{ lmsCommitUrl: "/lms/commit?sco={sco}&standard={standard}",
    dataCommitFormat: "flattened", autocommit: false, logLevel: 5 }};
  const api = new {api_class}(settings);
  const kept = {kept};
  if ("{passing}") api.cmi.scaled_passing_score = "{passing}";
  if (Object.keys(kept).length) {{
    api.loadFromFlattenedJSON(kept, "");
    api.cmi.{entry} = "resume";
  }}
  window.{api_name} = api;
  window.lmsCalls = [];
  for (const name of ["{init}", "{finish}"]) api.on(name, () => window.lmsCalls.push(name));
  const url = "/pkg/{standard}/lms/{sco}.html";
  if ("{mode}" === "iframe") {{
    const frame = document.createElement("iframe");
    frame.id = "sco"; frame.title = "Module"; frame.src = url;
    frame.style = "width:100%;height:700px";
    document.getElementById("holder").append(frame);
  }} else {{
    document.getElementById("launch").addEventListener("click", () => {{
      window.scoWindow = window.open(url, "sco", "width=1100,height=800");
    }});
  }}
</script></body></html>
"""


@dataclass
class LmsServer:
    """The test LMS, serving unpacked packages from ``root/<standard>``."""

    root: Path
    commits: dict[str, list[dict]] = field(default_factory=dict)
    _server: http.server.ThreadingHTTPServer | None = field(default=None, repr=False)

    def start(self) -> LmsServer:
        owner = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def translate_path(self, path: str) -> str:
                parts = urlsplit(path).path
                if parts.startswith("/pkg/"):
                    return str(owner.root / parts.removeprefix("/pkg/"))
                if parts.startswith("/lms/scorm-again/"):
                    return str(SCORM_AGAIN / Path(parts).name)
                return str(owner.root / "__nothing__")

            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                if url.path == "/lms/player":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    self._send(owner.player(**query).encode(), "text/html; charset=utf-8")
                elif url.path == "/lms/blank":
                    self._send(b"<!DOCTYPE html><title>blank</title>", "text/html")
                elif url.path == "/favicon.ico":
                    self._send(b"", "image/x-icon")
                else:
                    super().do_GET()

            def do_POST(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                data = json.loads(body or b"{}")
                owner.commits.setdefault(f"{query['standard']}/{query['sco']}", []).append(data)
                self._send(b'{"result": true, "errorCode": 0}', "application/json")

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or url.startswith(self.origin + "/")

    def last(self, standard: str, sco: str) -> dict:
        """The last commit the LMS received from a SCO (empty when none)."""
        received = self.commits.get(f"{standard}/{sco}", [])
        return received[-1] if received else {}

    def player(self, sco: str, standard: str = "2004", mode: str = "iframe") -> str:
        """The player page for one SCO, with what the LMS kept from its last session."""
        last = self.last(standard, sco)
        kept = {k: last[k] for k in _KEPT[standard] if last.get(k) not in (None, "")}
        if standard == "2004":
            names = ("scorm2004.min.js", "Scorm2004API", "API_1484_11", "Initialize", "Terminate")
            entry = "entry"
        else:
            names = ("scorm12.min.js", "Scorm12API", "API", "LMSInitialize", "LMSFinish")
            entry = "core.entry"
        script, api_class, api_name, init, finish = names
        return PLAYER.format(
            script=script,
            api_class=api_class,
            api_name=api_name,
            init=init,
            finish=finish,
            sco=sco,
            standard=standard,
            mode=mode,
            kept=json.dumps(kept),
            entry=entry,
            passing=self.passing_score(standard, sco),
        )

    def passing_score(self, standard: str, sco: str) -> str:
        """The item's minimum normalized measure in the manifest, as an LMS reads it."""
        if standard != "2004":
            return ""
        tree = ET.parse(self.root / standard / "imsmanifest.xml")
        ns = {
            "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
            "ss": "http://www.imsglobal.org/xsd/imsss",
        }
        item = tree.find(f".//cp:item[@identifier='item-{sco}']", ns)
        found = (
            item.find(".//ss:primaryObjective/ss:minNormalizedMeasure", ns)
            if item is not None
            else None
        )
        return found.text.strip() if found is not None and found.text else ""


def unpack(package: Path, target: Path) -> Path:
    """Unpack a package (an LMS does this on upload) and return the folder."""
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target
