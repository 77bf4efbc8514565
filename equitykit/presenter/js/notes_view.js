// Draw the speaker-notes window: the current slide's notes, answer keys and correct options,
// the next slide, and the room's controls (show or hide shared texts, export, close). This
// window is for the facilitator's own screen; it is never the projected one.

import { el, list } from "./dom.js";
import { allTexts, answerFor } from "./results.js";

function keysBlock(doc, keys) {
  if (!keys || !keys.length) return null;
  return el(doc, "section", { className: "ek-notes-keys", "aria-label": "Answer keys" }, [
    el(doc, "h2", { text: "Answer keys (never project)" }),
    ...keys.map((key) =>
      el(doc, "div", { className: "ek-key" }, [
        el(doc, "h3", { text: key.title }),
        el(doc, "p", { text: key.summary }),
        list(doc, key.points),
      ]),
    ),
  ]);
}

function answersBlock(doc, deck, notes, key) {
  const spec = deck.room[key];
  if (!spec) return null;
  const rows = [];
  if (spec.kind === "check") {
    for (const [qid, question] of Object.entries(spec.questions)) {
      const answer = answerFor(notes.answers, key, qid);
      const option = answer && question.options.find((o) => o.id === answer.correct);
      rows.push(el(doc, "li", {}, [
        el(doc, "strong", { text: `${question.text} ` }),
        `Best answer (${answer ? answer.correct : "?"}): ${option ? option.text : ""}. ${answer ? answer.why : ""}`,
      ]));
    }
  } else if (spec.kind === "sort") {
    for (const [item, text] of Object.entries(spec.items)) {
      const answer = answerFor(notes.answers, key, item);
      rows.push(el(doc, "li", {}, [el(doc, "strong", { text: `${text} ` }), `The course reads it as ${answer ? answer.correct : "?"}. ${answer ? answer.why : ""}`]));
    }
  }
  return el(doc, "section", { className: "ek-notes-answers", "aria-label": "Correct answers" }, [
    el(doc, "h2", { text: spec.kind === "check" ? "Correct options (never project)" : "The course's sort (never project)" }),
    el(doc, "ol", {}, rows),
  ]);
}

function roomBlock(doc, slide, room, actions) {
  if (!room) {
    return el(doc, "section", { className: "ek-notes-room" }, [
      el(doc, "h2", { text: "Live room" }),
      el(doc, "p", { text: "No live room is connected. Slides, timers and notes work without one; start one with `equitykit room` and open its coach link to see the room's answers." }),
    ]);
  }
  const view = room.view || {};
  const children = [
    el(doc, "h2", { text: `Live room ${room.code}` }),
    el(doc, "p", { role: "status", text: view.status === "open" ? `${view.participants || 0} joined. Participants link: ${room.link}` : `The room is ${view.status || "not reachable"}.` }),
  ];
  if (slide.kind === "shared") {
    const texts = allTexts(view, slide.prompts);
    children.push(el(doc, "h3", { text: "Shared reflections: show one only if it helps the group" }));
    if (!texts.length) children.push(el(doc, "p", { text: "Nobody has shared a reflection yet." }));
    for (const text of texts) {
      children.push(el(doc, "div", { className: "ek-text-row", "data-text": text.id }, [
        el(doc, "p", { className: "ek-shared", text: text.text }),
        el(doc, "button", {
          type: "button",
          className: "ek-button",
          "aria-pressed": text.shown ? "true" : "false",
          text: text.shown ? "Hide from the room" : "Show to the room",
          onclick: () => actions.setShown(text.id, !text.shown),
        }),
      ]));
    }
  }
  if (view.status === "open") {
    children.push(el(doc, "div", { className: "ek-room-actions" }, [
      el(doc, "button", { type: "button", className: "ek-button", text: "Download the answers (CSV)", onclick: actions.exportCsv }),
      el(doc, "button", { type: "button", className: "ek-button ek-danger", text: "Close the room", onclick: actions.closeRoom }),
    ]));
  }
  if (room.message) children.push(el(doc, "p", { role: "alert", text: room.message }));
  return el(doc, "section", { className: "ek-notes-room", "aria-label": "Live room" }, children);
}

/** The notes window's content for one slide. */
export function renderNotes(doc, { deck, notes, slide, next, position, room, actions }) {
  const note = (notes.slides && notes.slides[slide.id]) || {};
  const parts = [
    el(doc, "p", { className: "ek-notes-position", text: `Slide ${position.index + 1} of ${position.count}` }),
    el(doc, "h1", { text: slide.title }),
  ];
  if (note.say && note.say.length) parts.push(el(doc, "section", { "aria-label": "Say or do" }, [el(doc, "h2", { text: "Say or do" }), list(doc, note.say)]));
  if (note.materials) {
    for (const [slug, items] of Object.entries(note.materials)) parts.push(el(doc, "section", {}, [el(doc, "h2", { text: `Materials (${slug})` }), list(doc, items)]));
  }
  parts.push(keysBlock(doc, note.keys));
  if (note.answers) parts.push(answersBlock(doc, deck, notes, note.answers));
  if (note.tips && note.tips.length) parts.push(el(doc, "section", {}, [el(doc, "h2", { text: "What tends to happen" }), list(doc, note.tips)]));
  parts.push(roomBlock(doc, slide, room, actions));
  parts.push(el(doc, "p", { className: "ek-notes-next", text: next ? `Next: ${next.title}` : "This is the last slide." }));
  return el(doc, "div", { className: "ek-notes-body" }, parts);
}
