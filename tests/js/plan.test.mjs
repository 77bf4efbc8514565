// The capstone plan: earlier work found by key (never by guessing), drafts and the export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { draftFromEarlier, earlierWork, planMarkdown } from "../../equitykit/widgets/js/plan.js";
import { golden } from "./golden.mjs";

const sections = golden("plan_sections");

test("earlier work is found under its key, a single prompt when the plan names one", () => {
  const store = { "demo/reflect": { texts: { r1: "Four teachers", r2: "One table" } } };
  const gap = earlierWork(sections[0].sources, store);
  assert.deepEqual(gap, [{ label: "A demonstration module, your reflection: Who is ready now?", short: "A demonstration module, your reflection", text: "Four teachers" }]);
  const coalition = earlierWork(sections[1].sources, store);
  assert.equal(coalition[0].text, null); // the map was never saved: marked missing, not invented
  assert.equal(coalition[1].text, "**Who is ready now?**\n\n> Four teachers\n\n**What would you try first?**\n\n> One table");
  assert.equal(draftFromEarlier(gap), "From A demonstration module, your reflection:\nFour teachers");
  assert.equal(draftFromEarlier(coalition.slice(0, 1)), "");
});

test("the plan's Markdown numbers the sections, marks empty ones and ends with the note", () => {
  const text = planMarkdown([{ id: "gap", title: "The gap" }, { id: "coalition", title: "Coalition" }], { gap: " Honors access " }, "2026-03-14", " Ana ", "Share with care.");
  assert.equal(text, "# My equity leadership plan\n\nWritten by Ana on 2026-03-14.\n\n## 1. The gap\n\nHonors access\n\n## 2. Coalition\n\n_Not written yet._\n\n---\n\nShare with care.\n");
});
