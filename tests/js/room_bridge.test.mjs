// The participant bridge: which saved answers go to a live room, and when.
// Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { baseline, candidates, promptKeys, remember, statusText, submissionsFor, withdrawal } from "../../equitykit/presenter/js/bridge.js";

const ACTIVITIES = {
  "m/knowledge-check": { kind: "check", questions: { q1: ["a", "b", "c"], q2: ["a", "b"] } },
  "m/sort": { kind: "sort", items: ["s1", "s2"], categories: ["technical", "adaptive", "both"] },
  "m/reflect/r1": { kind: "reflection" },
  "m/reflect/r2": { kind: "reflection" },
};

test("a knowledge check's saved answers become one submission per question", () => {
  const value = { answers: { q1: { option: "b", at: "x" }, q2: { option: "a" }, q9: { option: "a" }, q3: "junk" }, saved_at: "t" };
  const out = submissionsFor("m/knowledge-check", value, ACTIVITIES);
  assert.deepEqual(out.map((s) => [s.kind, s.payload]), [
    ["check", { question: "q1", option: "b" }],
    ["check", { question: "q2", option: "a" }],
  ]);
});

test("only a changed answer travels again", () => {
  const first = submissionsFor("m/knowledge-check", { answers: { q1: { option: "b" } } }, ACTIVITIES);
  const forwarded = remember({}, first);
  assert.deepEqual(submissionsFor("m/knowledge-check", { answers: { q1: { option: "b" } } }, ACTIVITIES, {}, forwarded), []);
  const changed = submissionsFor("m/knowledge-check", { answers: { q1: { option: "c" } } }, ACTIVITIES, {}, forwarded);
  assert.deepEqual(changed.map((s) => s.payload), [{ question: "q1", option: "c" }]);
});

test("sorting choices map to items and categories the room knows", () => {
  const out = submissionsFor("m/sort", { choices: { s1: "adaptive", s2: "weird", s3: "both" } }, ACTIVITIES);
  assert.deepEqual(out.map((s) => s.payload), [{ item: "s1", category: "adaptive" }]);
});

test("a reflection goes to the room only once the learner shares that prompt", () => {
  const value = { texts: { r1: "  We lost a routine.  ", r2: "Private" } };
  assert.deepEqual(promptKeys("m/reflect", ACTIVITIES), ["m/reflect/r1", "m/reflect/r2"]);
  assert.deepEqual(submissionsFor("m/reflect", value, ACTIVITIES), []);
  const shared = submissionsFor("m/reflect", value, ACTIVITIES, { "m/reflect/r1": true });
  assert.deepEqual(shared.map((s) => [s.activity, s.payload.text]), [["m/reflect/r1", "We lost a routine."]]);
  const forwarded = remember({}, shared);
  assert.deepEqual(withdrawal("m/reflect/r1", forwarded).map((s) => s.payload), [{ text: "" }]);
  assert.deepEqual(withdrawal("m/reflect/r2", forwarded), [], "nothing shared, nothing to withdraw");
  assert.deepEqual(submissionsFor("m/reflect", { texts: { r1: "" } }, ACTIVITIES, { "m/reflect/r1": true }), [], "an empty text is not shared");
});

test("what was saved before joining stays in the browser", () => {
  const saved = {
    "m/knowledge-check": { answers: { q1: { option: "a" } } },
    "m/sort": { choices: { s1: "both" } },
    "other/thing": { answers: { q1: { option: "a" } } },
  };
  const forwarded = baseline(saved, ACTIVITIES);
  assert.deepEqual(submissionsFor("m/knowledge-check", saved["m/knowledge-check"], ACTIVITIES, {}, forwarded), []);
  assert.equal(submissionsFor("m/knowledge-check", { answers: { q1: { option: "b" } } }, ACTIVITIES, {}, forwarded).length, 1);
  assert.deepEqual(candidates("other/thing", saved["other/thing"], ACTIVITIES), []);
});

test("the status line says where the answers are", () => {
  assert.match(statusText({ connection: "ready", code: "K7QX4M", queued: 0 }), /Room K7QX4M: connected/);
  assert.match(statusText({ connection: "offline", code: "K7QX4M", queued: 2 }), /offline\. 2 answers waiting/);
  assert.match(statusText({ connection: "closed", code: "K7QX4M", queued: 0 }), /has closed.*still saved in this browser/);
  assert.match(statusText({ connection: "needs-join", code: "K7QX4M", queued: 1 }), /join again to send 1 answer waiting/);
  assert.equal(statusText({ connection: "none", code: null, queued: 0 }), "Not in a room.");
});
