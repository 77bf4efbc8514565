// The explorer's chart: bars from zero, the reference line, rows that cannot be reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { barGeometry } from "../../equitykit/widgets/js/gap_explorer.js";

test("bars start at zero and grow to their value; the reference line sits at its value", () => {
  const g = barGeometry([{ value: 2 }, { value: null }, { value: 0.5 }], { value: 1, text: "" });
  assert.equal(g.zero, 0);
  assert.equal(g.bars[1], null);
  const scale = 100 / (2 * 1.15);
  assert.ok(Math.abs(g.bars[0].width - 2 * scale) < 1e-9);
  assert.ok(Math.abs(g.reference - 1 * scale) < 1e-9);
});

test("negative values (a gap below the others) grow left from zero", () => {
  const g = barGeometry([{ value: -0.1 }, { value: 0.3 }], null);
  assert.ok(g.zero > 0);
  assert.ok(Math.abs(g.bars[0].left + g.bars[0].width - g.zero) < 1e-9);
  assert.equal(g.bars[1].left, g.zero);
  assert.equal(g.reference, null);
});
