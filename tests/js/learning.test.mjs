// Scores of the knowledge check and the sorting exercise, and small text rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkScore } from "../../equitykit/widgets/js/knowledge_check.js";
import { sortScore } from "../../equitykit/widgets/js/sorting.js";
import { fill, foldName, joinList } from "../../equitykit/widgets/js/lib/text.js";

test("the check counts answered and right answers by option id", () => {
  const questions = [
    { id: "q1", options: [{ id: "a" }, { id: "b", correct: true }] },
    { id: "q2", options: [{ id: "a", correct: true }, { id: "b" }] },
  ];
  assert.deepEqual(checkScore(questions, { q1: { option: "b" }, q2: { option: "b" }, q9: { option: "a" } }), { answered: 2, right: 1, total: 2 });
  assert.deepEqual(checkScore(questions, { q1: { option: "x" } }), { answered: 0, right: 0, total: 2 });
});

test("the sort counts sorted items and matches with the course's reading", () => {
  const items = [{ id: "s1", answer: "technical" }, { id: "s2", answer: "adaptive" }];
  assert.deepEqual(sortScore(items, { s1: "technical", s2: "both" }), { sorted: 2, matched: 1, total: 2 });
});

test("templates, lists and names", () => {
  assert.equal(fill("{a} and {b}", { a: 1 }), "1 and {b}");
  assert.equal(joinList(["a", "b", "c"]), "a, b and c");
  assert.equal(foldName("  Herr   Weiß "), foldName("HERR WEISS"));
});

test("each learner sees the options in an order of their own, the same on every visit", async () => {
  const { shuffledOptions } = await import("../../equitykit/widgets/js/knowledge_check.js");
  const options = ["a", "b", "c", "d"].map((id) => ({ id }));
  const once = shuffledOptions(options, "learner-1", "q1").map((o) => o.id);
  assert.deepEqual(shuffledOptions(options, "learner-1", "q1").map((o) => o.id), once, "stable");
  assert.deepEqual([...once].sort(), ["a", "b", "c", "d"], "every option, once");
  // over many learners, the correct option "b" lands in every position about equally often
  const seen = [0, 0, 0, 0];
  for (let n = 0; n < 4000; n += 1) seen[shuffledOptions(options, `learner-${n}`, "q1").findIndex((o) => o.id === "b")] += 1;
  for (const count of seen) assert.ok(count > 850 && count < 1150, `positions: ${seen}`);
});
