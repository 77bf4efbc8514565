// What the presenter shows of a live room, the QR code, links and the coach's token.
// Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { allTexts, answerFor, checkResults, hardestQuestions, percent, shownTexts, sortResults } from "../../equitykit/presenter/js/results.js";
import { coachCredentials, participantLink, roomCode, shortLink } from "../../equitykit/presenter/js/links.js";
import { qrMatrix, qrPath } from "../../equitykit/presenter/js/qr.js";

const ROOM = {
  "m/knowledge-check": {
    kind: "check",
    questions: {
      q1: { text: "First?", options: [{ id: "a", text: "A" }, { id: "b", text: "B" }] },
      q2: { text: "Second?", options: [{ id: "a", text: "A" }, { id: "b", text: "B" }] },
      q3: { text: "Third?", options: [{ id: "a", text: "A" }, { id: "b", text: "B" }] },
    },
  },
  "m/sort": { kind: "sort", categories: ["technical", "adaptive"], items: { s1: "One", s2: "Two" } },
};
const VIEW = {
  participants: 10,
  activities: {
    "m/knowledge-check": {
      kind: "check",
      questions: {
        q1: { counts: { a: 2, b: 8 }, answered: 10, correct: "b", share_correct: 0.8 },
        q2: { counts: { a: 7, b: 3 }, answered: 10, correct: "b", share_correct: 0.3 },
      },
    },
    "m/sort": { kind: "sort", items: { s1: { counts: { technical: 9, adaptive: 1 }, answered: 10 }, s2: { counts: { technical: 5, adaptive: 5 }, answered: 10 } } },
  },
  texts: [
    { id: 2, activity: "m/reflect/r1", text: "<img src=x onerror=alert(1)>", shown: true, updated_at: 20 },
    { id: 1, activity: "m/reflect/r1", text: "Hidden one", shown: false, updated_at: 10 },
    { id: 3, activity: "m/reflect/r2", text: "Other prompt", shown: true, updated_at: 5 },
  ],
};

test("a check's counts come with the deck's own texts, and never say which option is correct", () => {
  const results = checkResults(VIEW, ROOM, "m/knowledge-check");
  assert.equal(results.answered, 10);
  assert.deepEqual(results.questions.map((q) => q.id), ["q1", "q2", "q3"]);
  const q1 = results.questions[0];
  assert.equal(q1.text, "First?");
  assert.deepEqual(q1.options.map((o) => [o.text, o.count]), [["A", 2], ["B", 8]]);
  assert.equal(percent(q1.options[1].share), "80%");
  assert.equal(results.questions[2].answered, 0);
  assert.ok(!JSON.stringify(results).includes('"correct"'), "the slide's data names no correct option");
  assert.deepEqual(hardestQuestions(results).map((q) => q.id), ["q2", "q1"]);
  assert.deepEqual(checkResults(null, ROOM, "m/knowledge-check").questions[0].options[0].count, 0);
  assert.deepEqual(checkResults(VIEW, ROOM, "m/missing").questions, []);
});

test("a sort lists the most divided cases first", () => {
  const results = sortResults(VIEW, ROOM, "m/sort");
  assert.deepEqual(results.items.map((i) => i.id), ["s2", "s1"]);
  assert.equal(results.items[1].agreement, 0.9);
  assert.ok(!JSON.stringify(results).includes("correct"));
});

test("only shown texts reach a slide; the coach's window lists them all", () => {
  assert.deepEqual(shownTexts(VIEW, ["m/reflect/r1"]).map((t) => t.id), [2]);
  assert.equal(shownTexts(VIEW, ["m/reflect/r1"])[0].text, "<img src=x onerror=alert(1)>", "kept as text");
  assert.deepEqual(allTexts(VIEW, ["m/reflect/r1"]).map((t) => [t.id, t.shown]), [[1, false], [2, true]]);
  assert.deepEqual(shownTexts(VIEW, []), []);
});

test("the correct answer comes only from the notes", () => {
  const answers = { "m/knowledge-check": { q1: { correct: "b", why: "Because." } } };
  assert.deepEqual(answerFor(answers, "m/knowledge-check", "q1"), { correct: "b", why: "Because." });
  assert.equal(answerFor(answers, "m/knowledge-check", "q9"), null);
});

test("the participants' link is the room's own, else this origin's short link", () => {
  assert.equal(participantLink({ join_url: "http://192.0.2.7:8000/r/K7QX4M" }, "http://127.0.0.1:8000", "K7QX4M"), "http://192.0.2.7:8000/r/K7QX4M");
  assert.equal(participantLink({ join_url: "javascript:alert(1)" }, "http://127.0.0.1:8000/", "K7QX4M"), "http://127.0.0.1:8000/r/K7QX4M");
  assert.equal(shortLink("http://192.0.2.7:8000/r/K7QX4M"), "192.0.2.7:8000/r/K7QX4M");
  assert.equal(roomCode(" k7q-x4m "), "K7QX4M");
  assert.equal(roomCode("K7QX4"), null);
});

test("the coach's token is kept in session storage and read back for the same room only", () => {
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  assert.deepEqual(coachCredentials("#room=K7QX4M&coach=tok", storage), { code: "K7QX4M", token: "tok" });
  assert.deepEqual(coachCredentials("#room=K7QX4M", storage), { code: "K7QX4M", token: "tok" });
  assert.deepEqual(coachCredentials("", storage), { code: "K7QX4M", token: "tok" });
  assert.equal(coachCredentials("#room=ABCDEF", storage), null, "another room needs its own link");
  assert.equal(coachCredentials("#room=K7QX4M", null), null);
});

test("the QR code's path draws exactly its dark modules", () => {
  const matrix = qrMatrix("http://192.0.2.7:8000/r/K7QX4M");
  assert.ok(matrix.size >= 21 + 8, "version 1 or more with a 4-module border");
  const drawn = Array.from({ length: matrix.size }, () => Array(matrix.size).fill(false));
  for (const [, x, y, run] of qrPath(matrix).matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i += 1) drawn[Number(y)][Number(x) + i] = true;
  }
  assert.deepEqual(drawn, matrix.data);
  assert.notDeepEqual(qrMatrix("http://192.0.2.7:8000/r/ABCDEF").data, matrix.data);
  assert.ok(matrix.data[4].slice(4, 11).every(Boolean), "a finder pattern's top edge after the border");
});
