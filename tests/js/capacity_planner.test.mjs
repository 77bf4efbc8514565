// Which work rests on one person, who carries too much, and what has no one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { capacityGaps, cleanAssignments } from "../../equitykit/widgets/js/capacity_planner.js";
import { golden } from "./golden.mjs";

const texts = golden("capacity_texts");

test("names are matched regardless of case and spacing; the first spelling is kept", () => {
  const cleaned = cleanAssignments([
    ["Attendance", ["Herr Weiß", "HERR  WEISS", " "]],
    ["Family nights", ["herr weiss", "Ms. Chen"]],
  ]);
  assert.deepEqual(cleaned, [["Attendance", ["Herr Weiß"]], ["Family nights", ["Herr Weiß", "Ms. Chen"]]]);
});

test("findings: no one first, then single points of failure, then overloads, heaviest first", () => {
  const pairs = [
    ["Restorative practices", ["Ms. Rivera"]],
    ["Family nights", ["Ms. Rivera", "Mr. Chen"]],
    ["Attendance team", ["ms. rivera"]],
    ["Data team", ["Ms. Rivera", "Mr. Chen"]],
    ["Tutoring", []],
  ];
  const findings = capacityGaps(pairs, 3, texts);
  assert.deepEqual(findings.map((f) => [f.kind, f.initiatives.join("+"), f.person]), [
    ["no one assigned", "Tutoring", null],
    ["single point of failure", "Restorative practices", "Ms. Rivera"],
    ["single point of failure", "Attendance team", "Ms. Rivera"],
    ["overload", "Restorative practices+Family nights+Attendance team+Data team", "Ms. Rivera"],
  ]);
  assert.equal(findings[0].detail, "No one is assigned to Tutoring.");
  assert.equal(
    findings[3].detail,
    "Ms. Rivera carries 4 initiatives (Restorative practices, Family nights, Attendance team and Data team), more than 3. They are the only person on Restorative practices and Attendance team.",
  );
});

test("the overload limit is the learner's choice; shared work has no findings", () => {
  const pairs = [["A", ["Ana", "Ben"]], ["B", ["Ana", "Ben"]]];
  assert.deepEqual(capacityGaps(pairs, 3, texts), []);
  assert.deepEqual(capacityGaps(pairs, 1, texts).map((f) => f.person), ["Ana", "Ben"]);
});
