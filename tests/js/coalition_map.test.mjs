// Where the coalition and partner maps put people, with the wording Python ships.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addProblem, placePeople, pointPositions, quadrantOf } from "../../equitykit/widgets/js/coalition_map.js";
import { golden } from "./golden.mjs";

const texts = golden("map_texts");
const [CHAMPIONS, BUILDERS, KEY_VOICES, LISTENERS] = texts.coalition.quadrants;

test("a rating of 3 or more counts as ready or influential; each pair has one quadrant", () => {
  const cases = [
    [{ readiness: 5, influence: 4 }, CHAMPIONS],
    [{ readiness: 3, influence: 3 }, CHAMPIONS],
    [{ readiness: 5, influence: 2 }, BUILDERS],
    [{ readiness: 2, influence: 3 }, KEY_VOICES], // Grace Okafor in the case: influential, not yet ready
    [{ readiness: 2, influence: 5 }, KEY_VOICES],
    [{ readiness: 1, influence: 1 }, LISTENERS],
  ];
  for (const [person, expected] of cases) assert.equal(quadrantOf(person, 3, texts.coalition.quadrants), expected);
});

test("where to start: by quadrant, then influence, then readiness, then order given", () => {
  const people = [
    { name: "Robert", role: "board", readiness: 2, influence: 5 },
    { name: "Tomas", role: "counsellor", readiness: 5, influence: 2 },
    { name: "Marisol", role: "assistant superintendent", readiness: 5, influence: 4 },
    { name: "Anthony", role: "principal", readiness: 3, influence: 4 },
    { name: "Linda", role: "driver", readiness: 1, influence: 1 },
  ];
  const { placements, start } = placePeople(people, 3, texts.coalition);
  assert.deepEqual(start.map((s) => s.name), ["Marisol", "Anthony", "Tomas", "Robert", "Linda"]);
  assert.equal(start[0].reason, "Marisol is ready (5/5) and influential (4/5): a natural co-leader whose support others will notice.");
  assert.equal(placements[0].advice, texts.coalition.advice[KEY_VOICES]);
});

test("the partner map uses its own words for the same rule", () => {
  const { start } = placePeople([{ name: "Families", role: "", readiness: 5, influence: 2 }], 3, texts.partners);
  assert.equal(start[0].quadrant, texts.partners.quadrants[1]);
  assert.match(start[0].reason, /^Families is close to the gap \(5\/5\)/);
});

test("a person is added once, whatever the case or spacing of their name", () => {
  const people = [{ name: "Herr Weiß", role: "", readiness: 3, influence: 3 }];
  assert.equal(addProblem(people, "  "), "Give the person a name or a title first.");
  assert.equal(addProblem(people, "HERR  WEISS"), "HERR  WEISS is already on the map.");
  assert.equal(addProblem(people, "Frau Weiß"), "");
});

test("people on the same spot sit side by side, never on top of each other", () => {
  const spots = pointPositions([
    { readiness: 2, influence: 3 },
    { readiness: 2, influence: 3 },
    { readiness: 5, influence: 4 },
  ]);
  assert.deepEqual(spots.map((s) => s.offset), [-14, 14, 0]);
});
