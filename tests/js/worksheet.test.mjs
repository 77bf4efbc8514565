// A worksheet's answers as text: answered sections only, every field with its label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answeredCount, worksheetMarkdown } from "../../equitykit/widgets/js/worksheet.js";

const sections = [
  { id: "a", title: "First", fields: [{ id: "x", label: "X?" }, { id: "y", label: "Y?" }] },
  { id: "b", title: "Second", fields: [{ id: "z", label: "Z?" }] },
];

test("answered sections only, unanswered fields marked", () => {
  assert.equal(worksheetMarkdown("Sheet", sections, { a: { x: " yes " }, b: { z: "  " } }), "# Sheet\n\n## First\n\n**X?**\n\nyes\n\n**Y?**\n\n(no answer yet)\n");
  assert.equal(worksheetMarkdown("", sections, {}), "(No answers yet.)\n");
  assert.equal(answeredCount(sections[0], { a: { x: "1", y: "" } }), 1);
});
