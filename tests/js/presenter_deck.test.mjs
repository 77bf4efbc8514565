// The presenter's rules: moving through a deck, keys, fragments, timers and the two windows.
// Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { indexOfId, keyAction, move, readFragment, visibleSlides, writeFragment } from "../../equitykit/presenter/js/deck_state.js";
import * as T from "../../equitykit/presenter/js/timer.js";
import { channelName, openSync, readMessage } from "../../equitykit/presenter/js/sync.js";

const SLIDES = [
  { id: "s1" },
  { id: "s2", room_only: true },
  { id: "s3" },
  { id: "s4", room_only: true },
  { id: "s5" },
];

test("room-only slides are skipped without a room and the position survives the change", () => {
  const without = visibleSlides(SLIDES, false);
  assert.deepEqual(without.map((s) => s.id), ["s1", "s3", "s5"]);
  assert.equal(visibleSlides(SLIDES, true).length, 5);
  // on s4 (the room's answers) when the room closes: stay on the slide before it
  assert.equal(without[indexOfId(SLIDES, without, "s4")].id, "s3");
  assert.equal(indexOfId(SLIDES, without, "s5"), 2);
  assert.equal(indexOfId(SLIDES, without, "nope"), 0);
});

test("moving stops at both ends", () => {
  assert.equal(move(0, 3, "prev"), 0);
  assert.equal(move(2, 3, "next"), 2);
  assert.equal(move(1, 3, "next"), 2);
  assert.equal(move(2, 3, "first"), 0);
  assert.equal(move(0, 3, "last"), 2);
  assert.equal(move(0, 3, { goto: 7 }), 2);
  assert.equal(move(0, 0, "next"), 0);
});

test("keys map to actions, but never while typing or with a modifier", () => {
  const key = (k, extra = {}) => keyAction({ key: k, target: { tagName: "BODY" }, ...extra });
  assert.equal(key("ArrowRight"), "next");
  assert.equal(key(" "), "next");
  assert.equal(key("PageUp"), "prev");
  assert.equal(key("n"), "notes");
  assert.equal(key("T"), "timer");
  assert.equal(key("x"), null);
  assert.equal(key("ArrowRight", { ctrlKey: true }), null);
  assert.equal(keyAction({ key: "ArrowRight", target: { tagName: "TEXTAREA" } }), null);
  assert.equal(keyAction({ key: " ", target: { tagName: "BUTTON" } }), null);
});

test("the coach token never goes back into the address", () => {
  const read = readFragment("#room=K7QX4M&coach=secret-token&slide=s9");
  assert.deepEqual(read, { room: "K7QX4M", coach: "secret-token", slide: "s9" });
  const written = writeFragment({ ...read });
  assert.equal(written, "#room=K7QX4M&slide=s9");
  assert.ok(!written.includes("secret"));
  assert.equal(writeFragment({}), "");
});

test("a timer counts down, pauses, resumes and runs over", () => {
  let t = T.newTimer("row1", 10);
  assert.equal(T.timerPhase(t, 0), "ready");
  assert.equal(T.formatRemaining(T.remainingMs(t, 0)), "10:00");
  t = T.start(t, 1000);
  assert.equal(T.formatRemaining(T.remainingMs(t, 61_000)), "9:00");
  t = T.pause(t, 61_000);
  assert.equal(T.timerPhase(t, 500_000), "paused");
  assert.equal(T.remainingMs(t, 500_000), 540_000); // paused: no time passes
  t = T.toggle(t, 500_000);
  assert.equal(T.timerPhase(t, 500_001), "running");
  assert.equal(T.formatRemaining(T.remainingMs(t, 500_000 + 540_000 + 90_000)), "-1:30");
  assert.equal(T.timerPhase(t, 500_000 + 541_000), "over");
  assert.equal(T.formatRemaining(-400), "0:00");
  assert.equal(T.formatRemaining(59_001), "1:00");
  assert.equal(T.remainingMs(T.reset(t), 9e9), 600_000);
});

test("entering a step starts its timer once; coming back does not restart it", () => {
  let timers = T.enter({}, { id: "row2", minutes: 5 }, 0);
  assert.equal(T.isRunning(timers.row2), true);
  timers = { ...timers, row2: T.pause(timers.row2, 60_000) };
  timers = T.enter(timers, { id: "row2", minutes: 5 }, 120_000);
  assert.equal(T.isRunning(timers.row2), false, "a paused timer stays paused");
  assert.equal(T.remainingMs(timers.row2, 120_000), 240_000);
  assert.equal(T.endsAt(timers.row2, 0), null);
});

test("the two windows accept only their own deck's messages", () => {
  assert.equal(channelName("adaptive-work-90"), "equitykit-presenter/adaptive-work-90");
  assert.ok(readMessage({ deck: "d", type: "command", action: "next" }, "d"));
  assert.ok(readMessage({ deck: "d", type: "command", action: { goto: 3 } }, "d"));
  assert.equal(readMessage({ deck: "d", type: "command", action: "delete-everything" }, "d"), null);
  assert.equal(readMessage({ deck: "other", type: "hello" }, "d"), null);
  assert.equal(readMessage({ deck: "d", type: "state", slide: "s1" }, "d"), null, "state needs timers");
  assert.equal(readMessage("next", "d"), null);
});

test("messages travel between a slides window and a notes window", () => {
  const channels = [];
  class FakeChannel {
    constructor(name) {
      this.name = name;
      channels.push(this);
    }
    postMessage(data) {
      for (const other of channels) if (other !== this && other.name === this.name && other.onmessage) other.onmessage({ data });
    }
    close() {}
  }
  const gotBySlides = [];
  const gotByNotes = [];
  const slides = openSync("d", (m) => gotBySlides.push(m), FakeChannel);
  const notes = openSync("d", (m) => gotByNotes.push(m), FakeChannel);
  const stranger = openSync("e", () => assert.fail("another deck heard it"), FakeChannel);
  notes.send({ type: "hello" });
  slides.send({ type: "state", slide: "s3", timers: {} });
  notes.send({ type: "command", action: "next" });
  assert.deepEqual(gotBySlides.map((m) => m.type), ["hello", "command"]);
  assert.equal(gotByNotes[0].slide, "s3");
  assert.equal(openSync("d", () => {}, null).available, false);
  stranger.close();
});
