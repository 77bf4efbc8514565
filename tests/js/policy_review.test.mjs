// Where the learner's rating of an excerpt is two levels or more from the expert's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NOTABLE_GAP, policyDifferences } from "../../equitykit/widgets/js/policy_review.js";

const excerpts = [
  { id: "E1", title: "Placement", expert_rating: 1 },
  { id: "E2", title: "Review", expert_rating: 4 },
  { id: "E3", title: "Letters", expert_rating: 2 },
];

test("only gaps of two levels or more, in excerpt order, signed learner minus expert", () => {
  const ratings = { E1: { level: 3 }, E2: { level: 1 }, E3: { level: 3 } };
  assert.deepEqual(policyDifferences(excerpts, ratings, null, NOTABLE_GAP), [
    { id: "E1", title: "Placement", yours: 3, expert: 1, gap: 2 },
    { id: "E2", title: "Review", yours: 1, expert: 4, gap: -3 },
  ]);
});

test("only the excerpts compared with the expert count, and unrated ones never", () => {
  const ratings = { E1: { level: 3 }, E2: { level: null }, E3: {} };
  assert.deepEqual(policyDifferences(excerpts, ratings, ["E2", "E3"], 2), []);
  assert.deepEqual(policyDifferences(excerpts, ratings, ["E1"], 2).map((d) => d.id), ["E1"]);
});
