// The certificate's rules on the demo module (tests/fixtures/modules/demo/module.yml, shipped
// as tests/golden/inputs/certificate.json): which modules count, their dates, the hours, and
// the evidence packet with only the reflections the learner chose.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  certificateContent,
  certificateMarkdown,
  completedModules,
  evidencePacketMarkdown,
  hoursText,
  reflectionChoices,
} from "../../equitykit/widgets/js/certificate.js";
import { EVERYTHING, golden } from "./golden.mjs";

const { modules, texts } = golden("certificate");
const dated = (value, day) => ({ ...value, saved_at: `${day}T10:00:00.000Z` });
const allDone = () => {
  const store = {};
  for (const [key, value] of Object.entries(EVERYTHING)) store[key] = dated(value, "2026-03-02");
  store["demo/knowledge-check"] = dated(EVERYTHING["demo/knowledge-check"], "2026-03-09");
  return store;
};

test("a module counts only when every activity is done, dated by its last save", () => {
  assert.deepEqual(completedModules(modules, {}), []);
  const partial = { ...allDone() };
  delete partial["demo/reflect"];
  assert.deepEqual(completedModules(modules, partial), []);
  const [done] = completedModules(modules, allDone());
  assert.equal(done.completedOn, "2026-03-09");
  assert.equal(done.minutes, 44);
  assert.deepEqual(done.standards, ["Leadership", "Evidence"]);
  assert.deepEqual(done.objectives, ["Read a risk ratio.", "Plan a first step."]);
});

test("work saved without a date gives no date, not a made-up one", () => {
  const store = Object.fromEntries(Object.entries(EVERYTHING).map(([k, v]) => [k, { ...v }]));
  for (const value of Object.values(store)) delete value.saved_at;
  assert.equal(completedModules(modules, store)[0].completedOn, null);
});

test("hours are the completed modules' minutes, in words and in decimal hours", () => {
  assert.equal(hoursText(44), "44 minutes (0.73 hours)");
  assert.equal(hoursText(60), "1 hour (1.00 hours)");
  assert.equal(hoursText(125), "2 hours 5 minutes (2.08 hours)");
  assert.equal(hoursText(0), "0 minutes (0.00 hours)");
});

test("the certificate names the learner as typed, the modules, hours, objectives and standards", () => {
  const content = certificateContent(texts, completedModules(modules, allDone()), "  Dr. Ana López-Weiß ", "2026-03-10");
  assert.equal(content.name, "Dr. Ana López-Weiß");
  const md = certificateMarkdown(content);
  assert.match(md, /Learner: Dr\. Ana López-Weiß/);
  assert.match(md, /A demonstration module \(completed 2026-03-09, 44 minutes\)/);
  assert.match(md, /Estimated time: 44 minutes \(0\.73 hours\)/);
  assert.match(md, /- Read a risk ratio\./);
  assert.match(md, /Learning Forward standards addressed: Leadership and Evidence\./);
  assert.match(md, /made this certificate from their own saved work/);
  assert.match(md, /decided by the learner's district/);
  const blank = certificateMarkdown(certificateContent(texts, [], "", "2026-03-10"));
  assert.match(blank, /Learner: _{10,}/);
});

test("the evidence packet holds the certificate, only the chosen reflections, and the plan", () => {
  const store = allDone();
  const options = reflectionChoices(modules, store);
  assert.deepEqual(options.map((o) => o.key), ["demo/reflect"]);
  const without = evidencePacketMarkdown(texts, modules, store, "Ana", [], "2026-03-10");
  assert.match(without, /^# Evidence packet/);
  assert.match(without, /## Reflections I chose to include\n\n_None chosen\._/);
  assert.ok(!without.includes("The four math teachers."));
  const withIt = evidencePacketMarkdown(texts, modules, store, "Ana", ["demo/reflect"], "2026-03-10");
  assert.match(withIt, /### A demonstration module: Reflect: two prompts/);
  assert.match(withIt, /> The four math teachers\./);
  assert.match(withIt, /## My equity leadership plan/);
  assert.ok(withIt.includes(texts.packet_note));
  const noPlan = { ...store };
  delete noPlan["demo/write-plan"];
  assert.match(evidencePacketMarkdown(texts, modules, noPlan, "", [], "2026-03-10"), /_No plan saved yet\._/);
});
