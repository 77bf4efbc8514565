// The calculator's rule on the fixture table (tests/fixtures/calculator_table.csv). Every
// ratio below is worked out by hand from the counts; Python computed them for the page.
//   Black students: 2022-23 40/100 vs 60/900 = 6.00; 2023-24 35/100 vs 65/900 = 4.85;
//   2024-25 30/100 vs 70/900 = 3.86.  Asian students: 25 enrolled, 10/25 vs 90/975 = 4.33.
//   White students: 30/500 vs 70/500 = 0.43, hidden in 2023-24.
import { test } from "node:test";
import assert from "node:assert/strict";
import { flagRows, ratioReasons } from "../../equitykit/widgets/js/calculator.js";
import { golden } from "./golden.mjs";

const data = golden("calculator");
const KEY = "out_of_school_suspension|race_ethnicity";
const rule = (over = {}) => ({ threshold: 3, minCell: 10, minN: 30, years: 3, ...over });
const row = (rows, subgroup) => rows.find((r) => r.subgroup === subgroup);

test("three years above the threshold are flagged, with the years named", () => {
  const black = row(flagRows(data, KEY, rule()), "black_african_american");
  assert.equal(black.flagged, true);
  assert.equal(black.why, "risk ratio above 3.0 in 2022-23, 2023-24 and 2024-25");
  assert.deepEqual(black.ratios, { "2021-22": "2.25", "2022-23": "6.00", "2023-24": "4.85", "2024-25": "3.86" });
});

test("the threshold is strictly above, and a higher one unflags the group", () => {
  const black = row(flagRows(data, KEY, rule({ threshold: 5 })), "black_african_american");
  assert.equal(black.flagged, false);
  assert.equal(black.why, "risk ratio above 5.0 in 2022-23; at or below 5.0 in 2023-24 (4.85) and 2024-25 (3.86)");
});

test("the minimum n-size decides whether a small group is reported", () => {
  const strict = row(flagRows(data, KEY, rule()), "asian");
  assert.equal(strict.flagged, false);
  assert.equal(strict.ratios["2024-25"], null);
  assert.match(strict.why, /^not reported in 2022-23: fewer than 30 students enrolled in the group;/);
  const black = row(flagRows(data, KEY, rule({ minN: 100 })), "black_african_american");
  assert.equal(black.flagged, true);
  const stricter = row(flagRows(data, KEY, rule({ minN: 200 })), "black_african_american");
  assert.equal(stricter.flagged, false);
  assert.equal(stricter.ratios["2024-25"], null);
  assert.match(stricter.why, /fewer than 200 students enrolled in the group/);
});

test("the minimum cell size decides too", () => {
  const twenty = row(flagRows(data, KEY, rule({ minCell: 20 })), "black_african_american");
  assert.equal(twenty.ratios["2021-22"], "2.25");
  const thirty = row(flagRows(data, KEY, rule({ minCell: 30 })), "black_african_american");
  assert.equal(thirty.ratios["2021-22"], null); // 20 suspended, below 30
  assert.equal(thirty.flagged, true); // 40, 35 and 30 in the three recent years
  assert.deepEqual(ratioReasons([10, 40, 50, 400, 1, "1.00"], 10, 30, data.texts), []);
  assert.deepEqual(ratioReasons([9, 40, 50, 400, 0.9, "0.90"], 10, 30, data.texts), ["fewer than 10 students with the outcome in the group"]);
});

test("a hidden year is named once, as hidden, not as a comparison problem", () => {
  const white = row(flagRows(data, KEY, rule()), "white");
  assert.equal(white.flagged, false);
  assert.equal(
    white.why,
    "at or below 3.0 in 2022-23 (0.43) and 2024-25 (0.43); not reported in 2023-24: the group's numbers are hidden to protect students' privacy",
  );
});

test("fewer years asked, only the most recent count", () => {
  const rows = flagRows(data, KEY, rule({ years: 1 }));
  assert.equal(row(rows, "black_african_american").why, "risk ratio above 3.0 in 2024-25");
  assert.equal(row(rows, "black_african_american").flagged, true);
});

test("years that do not run on are never flagged", () => {
  const gapped = { ...data, recent: { ...data.recent, 3: { recent: ["2020-21", "2023-24", "2024-25"], gap: "2021-22" } } };
  const black = row(flagRows(gapped, KEY, rule()), "black_african_american");
  assert.equal(black.flagged, false);
  assert.match(black.why, /^the most recent years are not consecutive \(no data for 2021-22\)/);
});
