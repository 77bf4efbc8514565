// The LMS bridge's rules on the demo module's outline (tests/fixtures/modules/demo/module.yml):
// what a SCORM 2004 or 1.2 LMS is told, and the learner's work in cmi.suspend_data.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  STANDARDS,
  bookmark,
  cmiValues,
  decodeSuspend,
  encodePacked,
  encodeSuspend,
  exitValues,
  keptMessage,
  mergeWork,
  moduleItems,
  moduleResult,
  neverLower,
  passingScore,
  previousResult,
  resumePage,
  sessionTime12,
  sessionTime2004,
} from "../../equitykit/lms/js/scorm_bridge.js";
import { EVERYTHING, golden } from "./golden.mjs";

const demo = golden("outline")[0];
const PASSING = 0.7;
const allRight = { answers: { q1: { option: "b" }, q2: { option: "a" } } };
const taskOf = (c1, c2) => ({ text: "First I call the safety office.", scores: { c1, c2 } });

test("an empty module is incomplete, unknown and scores nothing yet", () => {
  const result = moduleResult(demo, {}, PASSING);
  assert.deepEqual([result.completion, result.success, result.scaled, result.raw, result.max], ["incomplete", "unknown", 0, 0, 8]);
  assert.equal(result.progress, 0);
});

test("the score adds right answers and the task's rubric points, over questions plus 3 per criterion", () => {
  const store = { "demo/knowledge-check": allRight, "demo/scenario-task": taskOf(3, 1) };
  const result = moduleResult(demo, store, PASSING);
  // 2 right answers + 4 task points of 2 + 6
  assert.deepEqual([result.raw, result.max, result.scaled], [6, 8, 0.75]);
  assert.equal(result.success, "passed");
  assert.equal(result.completion, "incomplete");
});

test("success waits for every question and criterion, then needs the passing score and the task's pass mark", () => {
  const half = moduleResult(demo, { "demo/knowledge-check": allRight, "demo/scenario-task": { text: "x", scores: { c1: 3 } } }, PASSING);
  assert.equal(half.success, "unknown");
  const wrong = { answers: { q1: { option: "a" }, q2: { option: "b" } } };
  const low = moduleResult(demo, { "demo/knowledge-check": wrong, "demo/scenario-task": taskOf(3, 3) }, PASSING);
  assert.deepEqual([low.scaled, low.success], [0.75, "passed"]);
  // the task misses its pass mark (4 points) although the scaled score passes
  const belowMark = moduleResult(demo, { "demo/knowledge-check": allRight, "demo/scenario-task": taskOf(2, 1) }, 0.5);
  assert.deepEqual([belowMark.scaled, belowMark.success], [0.625, "failed"]);
  const belowPassing = moduleResult(demo, { "demo/knowledge-check": wrong, "demo/scenario-task": taskOf(2, 2) }, PASSING);
  assert.deepEqual([belowPassing.scaled, belowPassing.success], [0.5, "failed"]);
});

test("every activity done completes the module", () => {
  const store = { ...EVERYTHING, "demo/knowledge-check": allRight, "demo/scenario-task": taskOf(3, 3) };
  const result = moduleResult(demo, store, PASSING);
  assert.deepEqual([result.completion, result.success, result.scaled, result.progress], ["completed", "passed", 1, 1]);
});

test("a module without a check or task has no score and no success", () => {
  const plain = { ...demo, activities: demo.activities.filter((a) => !["knowledge_check", "task"].includes(a.widget)) };
  const result = moduleResult(plain, EVERYTHING, PASSING);
  assert.deepEqual([result.scaled, result.success, result.completion], [null, "unknown", "completed"]);
  assert.deepEqual(cmiValues(result, "2004").map(([k]) => k), ["cmi.completion_status", "cmi.success_status", "cmi.progress_measure"]);
});

test("what the LMS recorded is never lowered", () => {
  const now = { completion: "incomplete", success: "failed", scaled: 0.5, raw: 4, max: 8 };
  const kept = neverLower({ completion: "completed", success: "passed", scaled: 0.9, raw: 7, max: 8 }, now);
  assert.deepEqual(kept, { completion: "completed", success: "passed", scaled: 0.9, raw: 7, max: 8 });
  assert.deepEqual(neverLower({ completion: "unknown", scaled: null }, now), now);
  assert.equal(neverLower({ scaled: 0.2 }, now).scaled, 0.5);
});

test("the LMS's passing score is used only when it is a valid scaled number", () => {
  assert.equal(passingScore("0.8", 0.7), 0.8);
  assert.equal(passingScore("", 0.7), 0.7);
  assert.equal(passingScore("1.5", 0.7), 0.7);
  assert.equal(passingScore("high", 0.7), 0.7);
});

test("what the LMS recorded before is read back for each standard", () => {
  const lms2004 = { "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.scaled": "0.75", "cmi.score.raw": "6", "cmi.score.max": "8" };
  assert.deepEqual(previousResult("2004", (k) => lms2004[k] ?? ""), { completion: "completed", success: "passed", scaled: 0.75, raw: 6, max: 8 });
  const lms12 = { "cmi.core.lesson_status": "failed", "cmi.core.score.raw": "63" };
  assert.deepEqual(previousResult("1.2", (k) => lms12[k] ?? ""), { completion: "completed", success: "unknown", scaled: 0.63 });
  assert.equal(previousResult("1.2", () => "").scaled, null);
});

test("session time is written in each standard's own format", () => {
  assert.equal(sessionTime2004(3723450), "PT1H2M3.45S");
  assert.equal(sessionTime2004(0), "PT0S");
  assert.equal(sessionTime2004(60000), "PT1M");
  assert.equal(sessionTime12(3723450), "0001:02:03.45");
  assert.equal(sessionTime12(5000), "0000:00:05.00");
  assert.equal(sessionTime12(10000 * 3600 * 1000), "9999:59:59.99");
  assert.deepEqual(exitValues("2004", 90000), [["cmi.exit", "suspend"], ["cmi.session_time", "PT1M30S"]]);
  assert.deepEqual(exitValues("1.2", 90000), [["cmi.core.exit", "suspend"], ["cmi.core.session_time", "0000:01:30.00"]]);
});

test("SCORM 2004 gets completion, success, scaled and raw score; SCORM 1.2 one status and a percentage", () => {
  const result = { completion: "completed", success: "passed", scaled: 0.75, raw: 6, max: 8, progress: 1 };
  assert.deepEqual(Object.fromEntries(cmiValues(result, "2004", { suspend: "j1:{}", location: "modules/demo.html" })), {
    "cmi.completion_status": "completed",
    "cmi.success_status": "passed",
    "cmi.progress_measure": "1",
    "cmi.score.scaled": "0.75",
    "cmi.score.raw": "6",
    "cmi.score.min": "0",
    "cmi.score.max": "8",
    "cmi.suspend_data": "j1:{}",
    "cmi.location": "modules/demo.html",
  });
  const twelve = Object.fromEntries(cmiValues(result, "1.2", { suspend: "j1:{}", location: "x.html" }));
  assert.deepEqual(twelve, { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "75", "cmi.core.score.min": "0", "cmi.core.score.max": "100", "cmi.suspend_data": "j1:{}", "cmi.core.lesson_location": "x.html" });
  const unknown = Object.fromEntries(cmiValues({ ...result, success: "unknown", completion: "incomplete" }, "1.2"));
  assert.equal(unknown["cmi.core.lesson_status"], "incomplete");
});

test("only the module's own work goes to the LMS", () => {
  const items = moduleItems(demo, { ...EVERYTHING, "other/thing": { x: 1 }, "demo/reflect": "not a record" });
  assert.ok(!("other/thing" in items));
  assert.ok(!("demo/reflect" in items));
  assert.ok("demo/sort-cases" in items);
});

test("small work is kept as plain JSON and comes back the same", async () => {
  const items = { "demo/knowledge-check": { ...allRight, saved_at: "2026-03-14T09:30:00.000Z" } };
  const encoded = await encodeSuspend(items, STANDARDS["2004"].suspendLimit);
  assert.ok(encoded.text.startsWith("j1:"));
  assert.deepEqual(encoded.left, []);
  assert.deepEqual((await decodeSuspend(encoded.text)).items, items);
});

test("work too long for plain JSON is compressed, and comes back the same", async () => {
  const essay = "Our coalition starts with the four math teachers who asked for the data. ".repeat(60);
  const items = { "demo/scenario-task": { text: essay, scores: { c1: 3, c2: 2 } }, "demo/reflect": { texts: { r1: essay, r2: "short" } } };
  assert.ok(JSON.stringify(items).length > STANDARDS["1.2"].suspendLimit);
  const encoded = await encodeSuspend(items, STANDARDS["1.2"].suspendLimit);
  assert.ok(encoded.text.startsWith("z1:"));
  assert.ok(encoded.text.length <= 4096);
  assert.deepEqual(encoded.left, []);
  assert.deepEqual((await decodeSuspend(encoded.text)).items, items);
});

test("at the limit the largest activities are left out of the LMS copy, and the learner is told", async () => {
  // text that does not compress (every character random): about one character per character
  let seed = 7;
  const noise = (n) => Array.from({ length: n }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join("");
  const items = {
    "demo/knowledge-check": allRight,
    "demo/reflect": { texts: { r1: noise(3000), r2: "short" } },
    "demo/scenario-task": { text: noise(2500), scores: { c1: 3, c2: 3 } },
  };
  const encoded = await encodeSuspend(items, 4096);
  assert.ok(encoded.text.length <= 4096);
  assert.deepEqual(encoded.left, ["demo/reflect"]);
  const back = (await decodeSuspend(encoded.text)).items;
  assert.deepEqual(Object.keys(back).sort(), ["demo/knowledge-check", "demo/scenario-task"]);
  const message = keptMessage(encoded, { "demo/reflect": "Reflect: two prompts" }, 4096);
  assert.match(message, /up to 4,096 characters/);
  assert.match(message, /Reflect: two prompts/);
  assert.equal(keptMessage({ left: [] }, {}, 4096), "");
  const nothing = await encodeSuspend(items, 10);
  assert.deepEqual([nothing.text, nothing.left.length], ["j1:{}", 3]);
  assert.deepEqual((await encodeSuspend(items, 2)).text, "");
});

test("suspend data this course did not write, or damaged, restores nothing and says so", async () => {
  assert.deepEqual(await decodeSuspend(""), { items: {}, problem: null });
  assert.match((await decodeSuspend("bookmark=3")).problem, /did not write/);
  assert.match((await decodeSuspend("j1:{not json")).problem, /damaged/);
  assert.match((await decodeSuspend("z1:!!!")).problem, /damaged/);
  assert.deepEqual((await decodeSuspend('j1:{"a/b":{"x":1},"c/d":3}')).items, { "a/b": { x: 1 } });
  const packed = await encodePacked({ "a/b": { x: 1 } });
  assert.deepEqual((await decodeSuspend(packed)).items, { "a/b": { x: 1 } });
});

test("the newer save wins when the LMS and this browser both hold work", () => {
  const local = { a: { v: "local", saved_at: "2026-03-14T10:00:00Z" }, b: { v: "local-old", saved_at: "2026-03-01T10:00:00Z" } };
  const restored = { a: { v: "lms-old", saved_at: "2026-03-10T10:00:00Z" }, b: { v: "lms", saved_at: "2026-03-12T10:00:00Z" }, c: { v: "only lms" } };
  const { values, fromLms } = mergeWork(local, restored);
  assert.deepEqual([values.a.v, values.b.v, values.c.v], ["local", "lms", "only lms"]);
  assert.deepEqual(fromLms.sort(), ["b", "c"]);
  assert.deepEqual(mergeWork(local, { a: local.a }).fromLms, []);
});

test("the page to resume is a page of the site, never another address", () => {
  const root = "http://lms.example/content/";
  assert.equal(bookmark(root, "http://lms.example/content/modules/demo/practice.html#q2", 1000), "modules/demo/practice.html");
  assert.equal(bookmark(root, "http://elsewhere.example/x.html", 1000), "");
  assert.equal(bookmark(root, `${root}${"a".repeat(300)}.html`, 255), "");
  assert.equal(resumePage("modules/demo/reading.html", "modules/demo.html"), "modules/demo/reading.html");
  for (const bad of ["../../etc.html", "https://evil.example/x.html", "/abs.html", "javascript:alert(1)", "", null]) {
    assert.equal(resumePage(bad, "modules/demo.html"), "modules/demo.html", String(bad));
  }
});
