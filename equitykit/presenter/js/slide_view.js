// Draw one slide: what the room sees. It reads the deck and the room's counts, never the
// notes, so no answer key can reach a projected slide. All text goes in with textContent.

import { el, list } from "./dom.js";
import { qrSvg } from "./qr.js";
import { checkResults, hardestQuestions, participants, percent, shownTexts, sortResults } from "./results.js";
import { shortLink } from "./links.js";

const people = (n) => (n === 1 ? "1 person" : `${n} people`);

function bar(doc, label, count, share) {
  const fill = el(doc, "span", { className: "ek-bar-fill" });
  fill.style.width = `${Math.round(share * 100)}%`;
  return el(doc, "div", { className: "ek-bar-row" }, [
    el(doc, "span", { className: "ek-bar-label", text: label }),
    el(doc, "span", { className: "ek-bar-track", "aria-hidden": "true" }, [fill]),
    el(doc, "span", { className: "ek-bar-count", text: `${count} (${percent(share)})` }),
  ]);
}

function joinPanel(doc, room, large) {
  if (!room || !room.link) return null;
  return el(doc, "div", { className: large ? "ek-join ek-join-large" : "ek-join" }, [
    qrSvg(doc, room.link, `QR code for ${shortLink(room.link)}`),
    el(doc, "div", { className: "ek-join-text" }, [
      el(doc, "p", { text: "Scan the code, or open:" }),
      el(doc, "p", { className: "ek-join-link", text: shortLink(room.link) }),
      el(doc, "p", { text: "Room code" }),
      el(doc, "p", { className: "ek-join-code", text: room.code }),
      el(doc, "p", { className: "ek-join-count", text: `${participants(room.view)} joined` }),
    ]),
  ]);
}

function checkBody(doc, slide, deck, room) {
  const results = checkResults(room && room.view, deck.room, slide.activity);
  const hardest = new Set(hardestQuestions(results).map((q) => q.id));
  const body = [el(doc, "p", { className: "ek-lead", text: `${people(results.answered)} answered so far.` })];
  for (const question of results.questions) {
    const heading = el(doc, "h2", { text: question.text });
    const best = question.shareBest === null ? "" : `${percent(question.shareBest)} chose the best answer`;
    const tag = hardest.has(question.id) ? el(doc, "span", { className: "ek-hard", text: "Hardest for the room" }) : null;
    body.push(
      el(doc, "div", { className: `ek-question${tag ? " ek-question-hard" : ""}`, "data-question": question.id }, [
        heading,
        tag,
        ...question.options.map((o) => bar(doc, o.text, o.count, o.share)),
        el(doc, "p", { className: "ek-small", text: `${question.answered} answered. ${best}` }),
      ]),
    );
  }
  return body;
}

function sortBody(doc, slide, deck, room) {
  const results = sortResults(room && room.view, deck.room, slide.activity);
  const body = [el(doc, "p", { className: "ek-lead", text: `${people(results.answered)} sorted so far; the most divided cases first.` })];
  for (const item of results.items.slice(0, 6)) {
    body.push(
      el(doc, "div", { className: "ek-question", "data-item": item.id }, [
        el(doc, "h2", { text: item.text }),
        ...item.categories.map((c) => bar(doc, c.id, c.count, c.share)),
      ]),
    );
  }
  return body;
}

function sharedBody(doc, slide, room) {
  const texts = shownTexts(room && room.view, slide.prompts);
  if (!texts.length) return [el(doc, "p", { className: "ek-lead", text: "Nothing shown yet. Shared reflections appear here when the facilitator shows them." })];
  return texts.map((t) => el(doc, "blockquote", { className: "ek-shared", "data-text": t.id, text: t.text }));
}

function agendaBody(doc, slide) {
  return [
    el(doc, "ol", { className: "ek-agenda" }, slide.lines.map((line) =>
      el(doc, "li", {}, [
        el(doc, "span", { className: "ek-agenda-start", text: line.start }),
        el(doc, "span", { className: "ek-agenda-title", text: line.title }),
        el(doc, "span", { className: "ek-agenda-minutes", text: `${line.minutes} min` }),
      ]),
    )),
  ];
}

/** The slide's <section>. `room` is null without a live room, else {code, link, view}. */
export function renderSlide(doc, slide, deck, room) {
  const parts = [el(doc, "h1", { text: slide.title })];
  const lead = slide.lead ? el(doc, "p", { className: "ek-lead", text: slide.lead }) : null;
  if (slide.kind === "results-check") parts.push(...checkBody(doc, slide, deck, room));
  else if (slide.kind === "results-sort") parts.push(...sortBody(doc, slide, deck, room));
  else if (slide.kind === "shared") parts.push(...sharedBody(doc, slide, room));
  else if (slide.kind === "agenda") parts.push(...agendaBody(doc, slide));
  else if (slide.kind === "join") parts.push(joinPanel(doc, room, true));
  else {
    parts.push(lead);
    if (slide.kind === "protocol") parts.push(list(doc, slide.steps.map((s) => `${s.name} (${s.minutes} min)`), true, "ek-steps"));
    if (slide.points && slide.points.length) parts.push(list(doc, slide.points, slide.kind === "norms", "ek-points"));
    if (slide.how) parts.push(el(doc, "p", { className: "ek-how", text: slide.how }));
    if (slide.where) parts.push(el(doc, "p", { className: "ek-where", text: slide.where }));
    if (slide.kind === "title") parts.push(joinPanel(doc, room, false));
  }
  return el(doc, "section", { className: `ek-slide ek-slide-${slide.kind}`, "data-slide": slide.id, "aria-roledescription": "slide" }, parts);
}
