// Progress rules on the demo module's outline (tests/fixtures/modules/demo/module.yml).
import { test } from "node:test";
import assert from "node:assert/strict";
import { activityState, activitySummary, courseProgress, progressSummaryMarkdown } from "../../equitykit/widgets/js/lib/completion.js";
import { EVERYTHING, golden } from "./golden.mjs";

const outline = golden("outline");
const activity = (id) => outline[0].activities.find((a) => a.id === id);

test("a knowledge check counts answers and right answers, and is done when all are answered", () => {
  const half = activityState(activity("knowledge-check"), { answers: { q1: { option: "b" } } });
  assert.deepEqual([half.done, half.counts], [false, { total: 2, answered: 1, correct: 1 }]);
  assert.deepEqual(half.items.map((i) => i.state), ["correct", "not answered yet"]);
  const all = activityState(activity("knowledge-check"), { answers: { q1: { option: "a" }, q2: { option: "a" } } });
  assert.equal(all.done, true);
  assert.equal(activitySummary(all), "2 of 2 answered, 1 correct");
  const unknown = activityState(activity("knowledge-check"), { answers: { q1: { option: "z" } } });
  assert.equal(unknown.counts.answered, 0);
});

test("a reflection is written only with text that is not blank", () => {
  const state = activityState(activity("reflect"), { texts: { r1: "   ", r2: "Look" } });
  assert.deepEqual(state.items.map((i) => i.state), ["not written yet", "written"]);
  assert.equal(state.done, false);
});

test("the sorting exercise and the coalition map count in progress", () => {
  assert.equal(activityState(activity("sort-cases"), { choices: { s1: "technical" } }).done, false);
  assert.equal(activityState(activity("sort-cases"), EVERYTHING["demo/sort-cases"]).done, true);
  assert.equal(activityState(activity("coalition-map"), null).done, false);
  assert.equal(activityState(activity("coalition-map"), { people: [] }).done, false);
  assert.equal(activityState(activity("coalition-map"), EVERYTHING["demo/coalition-map"]).done, true);
});

test("the lens review asks for two departments; a worksheet for every section", () => {
  assert.equal(activityState(activity("lens-review"), { answers: { transportation: { q1: "x" } } }).done, false);
  assert.equal(activityState(activity("lens-review"), EVERYTHING["demo/lens-review"]).done, true);
  assert.equal(activityState(activity("coaching-choice"), { answers: { choice: { why: "  " } } }).done, false);
});

test("a module is done when every activity is; nothing saved is not started", () => {
  assert.deepEqual(courseProgress(outline, {}).map((m) => m.status), ["not started"]);
  const partly = { ...EVERYTHING, "demo/write-plan": { sections: { gap: "Honors" } } };
  assert.deepEqual(courseProgress(outline, partly).map((m) => m.status), ["in progress"]);
  const done = courseProgress(outline, EVERYTHING);
  assert.deepEqual(done.map((m) => m.status), ["done"]);
  assert.equal(
    progressSummaryMarkdown(done),
    "## Progress summary\n\n1 of 1 modules done.\n\n| Module | Status | Activities done |\n| --- | --- | --- |\n| A demonstration module | done | 12 of 12 |\n",
  );
});
