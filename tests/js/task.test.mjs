// The performance task's score, and what counts as done for a task and a checklist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { activityState, taskScore } from "../../equitykit/widgets/js/lib/completion.js";
import { activityText } from "../../equitykit/widgets/js/lib/journal.js";
import { golden } from "./golden.mjs";

const outline = golden("outline");
const activity = (id) => outline[0].activities.find((a) => a.id === id);
const criteria = [{ id: "c1" }, { id: "c2" }];

test("the score adds the learner's own scores and meets the standard at the pass mark", () => {
  assert.deepEqual(taskScore(criteria, { c1: 3, c2: 1 }, 4), { score: 4, max: 6, scored: 2, complete: true, met: true });
  assert.deepEqual(taskScore(criteria, { c1: 3 }, 4), { score: 3, max: 6, scored: 1, complete: false, met: false });
  assert.equal(taskScore(criteria, { c1: 9, c2: "3" }, 1).scored, 0, "only whole scores from 0 to 3 count");
});

test("a task is done once written and scored on every criterion", () => {
  const task = activity("scenario-task");
  assert.equal(task.pass_mark, 4);
  assert.equal(activityState(task, { text: "  ", scores: { c1: 3, c2: 3 } }).done, false);
  assert.equal(activityState(task, { text: "I call the safety office.", scores: { c1: 3 } }).done, false);
  const done = activityState(task, { text: "I call the safety office.", scores: { c1: 1, c2: 2 } });
  assert.deepEqual([done.done, done.counts.score, done.counts.met], [true, 3, false]);
  assert.equal(
    activityText(task, { text: "I call the safety office.", scores: { c1: 1, c2: 2 } }),
    "> I call the safety office.\n\nYour scores against the rubric:\n- Safety first: 1 of 3\n- Counsel: 2 of 3",
  );
});

test("a checklist is done when each item is true or its gap has an owner", () => {
  const list = activity("records-checklist");
  assert.equal(activityState(list, { checked: { officer: true } }).done, false);
  assert.equal(activityState(list, { checked: { officer: true }, gaps: { preserve: { owner: "  " } } }).done, false);
  const done = activityState(list, { checked: { officer: true }, gaps: { preserve: { owner: "Records officer", by_when: "2026-12-15" } } });
  assert.deepEqual([done.done, done.counts], [true, { total: 2, ticked: 1, planned: 1 }]);
  assert.equal(
    activityText(list, { checked: { officer: true }, gaps: { preserve: { owner: "Records officer", by_when: "2026-12-15" } } }),
    "Already true:\n- We know who the records officer is.\n\nGaps, with who and when:\n- Staff keep what is requested. (Records officer, 2026-12-15)",
  );
});

test("a table worksheet is done when every row has an answer", () => {
  const scan = activity("state-scan");
  assert.deepEqual(scan.parts.map((p) => p.id), ["surveys", "records"]);
  assert.equal(activityState(scan, { answers: { surveys: { citation: "S.L. 2023-106" } } }).done, false);
  assert.equal(activityState(scan, { answers: { surveys: { citation: "S.L. 2023-106" }, records: { checked: "2026-12-01" } } }).done, true);
});
