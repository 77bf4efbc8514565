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
