// The store: version-1 work moves to the one key scheme on first load and is not lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserStore, LEGACY_PREFIX, migrateEntries, PREFIX, storageState } from "../../equitykit/widgets/js/lib/store.js";
import { golden, memoryStorage } from "./golden.mjs";

const legacy = golden("legacy");

// What a learner's browser held under version 1 of the kit (keys and shapes of v1).
const V1 = {
  "demo/check/q1": { chosen: 1, correct: true, question: "What is 15% divided by 5%?", at: "2026-01-05T10:00:00Z" },
  "demo/check/q2": { chosen: 0, correct: true, question: "What does a ratio of 1.0 mean?", at: "2026-01-05T10:01:00Z" },
  "demo/reflection/r1": { text: "The four math teachers.", saved_at: "2026-01-05T10:05:00Z", prompt: "Who is ready now?" },
  "demo/sort/sort_items": { 0: "technical", 1: "both" },
  "capstone/plan/gap": { text: "not this module", saved_at: "2026-01-06T10:00:00Z" },
};

test("every version-1 entry maps to its new key and shape", () => {
  const { values, used } = migrateEntries(legacy, V1, {});
  assert.deepEqual(values["demo/knowledge-check"].answers, { q1: { option: "b", at: "2026-01-05T10:00:00Z" }, q2: { option: "a", at: "2026-01-05T10:01:00Z" } });
  assert.deepEqual(values["demo/reflect"], { saved_at: "2026-01-05T10:05:00Z", texts: { r1: "The four math teachers." } });
  assert.deepEqual(values["demo/sort-cases"].choices, { s1: "technical", s2: "both" });
  assert.deepEqual(used.sort(), ["demo/check/q1", "demo/check/q2", "demo/reflection/r1", "demo/sort/sort_items"]);
});

test("newer work under the new key is never overwritten", () => {
  const { values } = migrateEntries(legacy, V1, { "demo/reflect": { texts: { r1: "newer" } } });
  assert.equal(values["demo/reflect"], undefined);
});

test("on first load the browser moves old entries to new keys and removes the old ones", () => {
  const storage = memoryStorage(Object.fromEntries(Object.entries(V1).map(([k, v]) => [LEGACY_PREFIX + k, JSON.stringify(v)])));
  storage.setItem(LEGACY_PREFIX + "demo/check/q9", "{not json");
  const store = browserStore(storage, legacy);
  assert.equal(store.get("demo/reflect").texts.r1, "The four math teachers.");
  assert.equal(store.get("demo/knowledge-check").answers.q1.option, "b");
  const left = Object.keys(storage.dump()).filter((k) => k.startsWith(LEGACY_PREFIX)).sort();
  assert.deepEqual(left, [`${LEGACY_PREFIX}capstone/plan/gap`, `${LEGACY_PREFIX}demo/check/q9`]); // not this module's, and damaged: kept
  // a second load changes nothing
  const again = browserStore(storage, legacy);
  assert.deepEqual(again.all(), store.all());
});

test("saving stamps the time; blocked storage says so instead of failing silently", async () => {
  const store = browserStore(memoryStorage(), {});
  const reply = await store.save("demo/reflect", { texts: { r1: "x" } });
  assert.equal(reply.ok, true);
  assert.match(store.get("demo/reflect").saved_at, /^\d{4}-\d\d-\d\dT/);
  assert.ok(Object.keys(store.all()).every((k) => !k.startsWith(PREFIX)));
  const blocked = { length: 0, key: () => null, getItem: () => null, setItem: () => { throw new Error("quota"); }, removeItem: () => {} };
  assert.equal(storageState(blocked), "blocked");
  const refused = await browserStore(blocked, {}).save("demo/reflect", { texts: {} });
  assert.deepEqual([refused.ok, refused.message], [false, "this browser blocked saving"]);
});

test("imported work keeps its own date; a guess at a private window is a guess", async () => {
  const store = browserStore(memoryStorage(), {});
  await store.save("demo/reflect", { texts: { r1: "x" }, saved_at: "2026-01-01T00:00:00Z" }, { keepStamp: true });
  assert.equal(store.get("demo/reflect").saved_at, "2026-01-01T00:00:00Z");
  const { looksTemporary } = await import("../../equitykit/widgets/js/lib/widget.js");
  assert.equal(looksTemporary(100 * 1024 * 1024), true);
  assert.equal(looksTemporary(20 * 1024 * 1024 * 1024), false);
  assert.equal(looksTemporary(undefined), false);
});
