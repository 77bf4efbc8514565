// Bundle the LMS launch page's browser code (equitykit/lms/js/sco.js, with the SCORM API
// wrapper from node_modules and the course's store and progress rules) into one classic
// script, equitykit/lms/static/sco.js, that every SCO of the LMS packages loads. Run by
// `make lms`; never committed.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "equitykit", "lms", "static");
mkdirSync(target, { recursive: true });
await build({
  entryPoints: [path.join(root, "equitykit", "lms", "js", "sco.js")],
  outfile: path.join(target, "sco.js"),
  bundle: true,
  format: "iife",
  target: "es2020",
  legalComments: "eof",
  logLevel: "warning",
});
console.log(`built the LMS launch script into ${path.relative(root, target)}`);
