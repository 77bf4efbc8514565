// Bundle the presenter view's browser code (equitykit/presenter/js/presenter_app.js, the room
// client and the vendored QR encoder `uqr`) into one classic script, and the participant
// bridge (bridge_app.js with the room client) into one ES module, in equitykit/presenter/static/.
// Run by `make assets`.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "equitykit", "presenter", "js");
const target = path.join(root, "equitykit", "presenter", "static");
mkdirSync(target, { recursive: true });
const common = { bundle: true, target: "es2020", legalComments: "none", logLevel: "warning" };
await build({
  ...common,
  entryPoints: [path.join(source, "presenter_app.js")],
  outfile: path.join(target, "presenter.js"),
  format: "iife",
  banner: { js: "/* Equity course kit presenter view. Includes uqr by Anthony Fu (MIT License). */" },
});
await build({
  ...common,
  entryPoints: [path.join(source, "bridge_app.js")],
  outfile: path.join(target, "room_bridge.js"),
  format: "esm",
});
console.log(`built the presenter view and the participant bridge into ${path.relative(root, target)}`);
