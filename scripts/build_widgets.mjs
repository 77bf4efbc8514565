// Bundle each course widget's browser module (and the lib/ modules it imports) into one
// ES module file per widget, in equitykit/widgets/static/. Python gives that file to
// anywidget as `_esm`, and the book copies it to the site. Run by `make assets`.
import { build } from "esbuild";
import { readdirSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "equitykit", "widgets", "js");
const target = path.join(root, "equitykit", "widgets", "static");
const entries = readdirSync(source).filter((name) => name.endsWith(".js"));
mkdirSync(target, { recursive: true });
await build({
  entryPoints: entries.map((name) => path.join(source, name)),
  outdir: target,
  bundle: true,
  format: "esm",
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});
console.log(`built ${entries.length} widget modules into ${path.relative(root, target)}`);
