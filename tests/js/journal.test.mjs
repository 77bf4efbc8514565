// The one export of the learner's journal, and the text of each saved activity.
import { test } from "node:test";
import assert from "node:assert/strict";
import { activityText, journalJSON, journalMarkdown } from "../../equitykit/widgets/js/lib/journal.js";
import { EVERYTHING, golden } from "./golden.mjs";

const outline = golden("outline");
const activity = (id) => outline[0].activities.find((a) => a.id === id);

test("each kind of saved work reads as text; nothing saved reads as null", () => {
  assert.equal(activityText(activity("reflect"), { texts: { r1: "Line one\nLine two" } }), "**Who is ready now?**\n\n> Line one\n> Line two");
  assert.equal(activityText(activity("reflect"), { texts: { r1: "Only one" } }, "r1"), "Only one");
  assert.equal(activityText(activity("reflect"), { texts: { r1: " " } }), null);
  assert.equal(
    activityText(activity("knowledge-check"), { answers: { q1: { option: "a" } } }),
    "Your answers:\n- What is 15% divided by 5%? You chose \u201c0.33\u201d: not yet correct.",
  );
  assert.equal(
    activityText(activity("coalition-map"), EVERYTHING["demo/coalition-map"]),
    "People on your map:\n- Grace: 2 and 3 on the map's two scales",
  );
  assert.equal(activityText(activity("capacity-planner"), { initiatives: ["A", "B"], assigned: { A: ["Ana"] } }), "Who carries each initiative:\n- A: Ana\n- B: no one yet");
  assert.equal(activityText(activity("coaching-choice"), EVERYTHING["demo/coaching-choice"]), "Your worksheet answers:\n- Your choice, Why?: because");
  assert.equal(activityText(activity("policy-review"), { ratings: { E1: { level: 2, reason: " referral only " } } }), "Your ratings of the policy excerpts:\n- Placement: level 2 (referral only)");
  assert.equal(activityText(activity("sort-cases"), { choices: { s2: "both" } }), "How you sorted the cases:\n- Staff disagree about who belongs in honors. You sorted it as both; the course reads it as adaptive.");
  assert.equal(activityText(activity("write-plan"), null), null);
});

test("the Markdown journal has the summary, then each module's saved work under its title", () => {
  const text = journalMarkdown(outline, { "demo/reflect": { texts: { r1: "Teachers" } }, "demo/sort-cases": { choices: { s1: "technical" } } }, "2026-03-14");
  assert.equal(text, [
    "# My learning journal",
    "",
    "Exported 2026-03-14. It was made from your saved work; nothing in it was sent anywhere.",
    "",
    "## Progress summary",
    "",
    "0 of 1 modules done.",
    "",
    "| Module | Status | Activities done |",
    "| --- | --- | --- |",
    "| A demonstration module | in progress | 0 of 12 |",
    "",
    "This summary is a record for you, made from your own saved answers. No one has checked or graded it.",
    "",
    "## A demonstration module",
    "",
    "### Reflect: two prompts",
    "",
    "**Who is ready now?**",
    "",
    "> Teachers",
    "",
    "### Exercise: Sort two cases",
    "",
    "How you sorted the cases:",
    "- The bus software double-books a route. You sorted it as technical.",
    "",
  ].join("\n"));
});

test("the JSON journal keeps the course's items only, ready to move", () => {
  const parsed = JSON.parse(journalJSON(outline, { "demo/reflect": { texts: { r1: "x" } }, "other/thing": { a: 1 }, "demo/sort-cases": "damaged" }, "2026-03-14T10:00:00Z"));
  assert.deepEqual(parsed, { format: "equitykit-journal", version: 2, exported_at: "2026-03-14T10:00:00Z", items: { "demo/reflect": { texts: { r1: "x" } } } });
});

test("a journal file from another device is read, and refused when damaged or foreign", async () => {
  const { parseJournalFile } = await import("../../equitykit/widgets/js/lib/journal.js");
  const good = journalJSON(outline, { "demo/reflect": { texts: { r1: "x" }, saved_at: "2026-01-01T00:00:00Z" } }, "2026-01-02T00:00:00Z");
  assert.deepEqual(parseJournalFile(good, outline), { ok: true, items: { "demo/reflect": { texts: { r1: "x" }, saved_at: "2026-01-01T00:00:00Z" } } });
  assert.match(parseJournalFile(good.slice(0, 40), outline).message, /damaged/);
  assert.match(parseJournalFile('{"format": "something-else", "items": {}}', outline).message, /not a journal file from this course/);
  assert.match(parseJournalFile('{"format": "equitykit-journal", "version": 9, "items": {}}', outline).message, /newer version/);
  assert.match(parseJournalFile('{"format": "equitykit-journal", "version": 2, "items": {"other/x": {}}}', outline).message, /no work for this course/);
});

test("importing never overwrites newer work; it fills what is missing or older", async () => {
  const { mergeJournal } = await import("../../equitykit/widgets/js/lib/journal.js");
  const here = {
    "demo/reflect": { texts: { r1: "newer here" }, saved_at: "2026-03-02T00:00:00Z" },
    "demo/sort-cases": { choices: { s1: "both" }, saved_at: "2026-03-01T00:00:00Z" },
  };
  const file = {
    "demo/reflect": { texts: { r1: "older on the phone" }, saved_at: "2026-03-01T00:00:00Z" },
    "demo/sort-cases": { choices: { s1: "technical" }, saved_at: "2026-03-05T00:00:00Z" },
    "demo/coalition-map": { people: [], saved_at: "2026-02-01T00:00:00Z" },
  };
  const { write, kept } = mergeJournal(here, file);
  assert.deepEqual(Object.keys(write).sort(), ["demo/coalition-map", "demo/sort-cases"]);
  assert.deepEqual(kept, ["demo/reflect"]);
});
