// The presenter view in the browser: the index of decks, the slides window and the speaker
// notes window (the same deck page with ?view=notes). Rules live in the small modules it
// imports (deck_state, timer, results, links, sync), which tests/js checks in Node.

import { createCoachClient } from "../../room/static/room_client.js";
import { KEY_HELP, indexOfId, keyAction, move, readFragment, visibleSlides, writeFragment } from "./deck_state.js";
import { download, el } from "./dom.js";
import { coachCredentials, participantLink, roomCode } from "./links.js";
import { renderNotes } from "./notes_view.js";
import { renderSlide } from "./slide_view.js";
import { openSync } from "./sync.js";
import * as T from "./timer.js";

const doc = document;
const sessionStore = (() => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
})();

function readJson(id) {
  const node = doc.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

// --- the live room (only with the coach's credentials) ------------------------------------

function connectRoom(creds, onChange) {
  const room = { code: creds.code, link: participantLink(null, location.origin, creds.code), view: null, message: "" };
  const coach = createCoachClient({ code: creds.code, coachToken: creds.token });
  fetch(`/api/rooms/${creds.code}`, { headers: { Authorization: `Bearer ${creds.token}` } })
    .then((response) => (response.ok ? response.json() : null))
    .then((info) => {
      room.link = participantLink(info, location.origin, creds.code);
      onChange();
    })
    .catch(() => {});
  const watcher = coach.watch(
    (view) => {
      room.view = view;
      room.message = "";
      onChange();
    },
    {
      onError: (error) => {
        room.message = `The room did not answer (${error.message}); still trying.`;
        if ([403, 404, 410].includes(error.status)) room.view = { ...(room.view || {}), status: "closed" };
        onChange();
      },
    },
  );
  const actions = {
    async setShown(id, shown) {
      try {
        await coach.setShown(id, shown);
      } catch (error) {
        room.message = `Could not change that text: ${error.message}`;
        onChange();
      }
    },
    async exportCsv() {
      try {
        download(doc, `room-${room.code}-answers.csv`, await coach.exportCsv());
      } catch (error) {
        room.message = `Could not download the answers: ${error.message}`;
        onChange();
      }
    },
    async closeRoom() {
      if (!window.confirm("Close the room? You get the answers as a CSV file, then they are deleted and participants can no longer send any.")) return;
      try {
        const csv = await coach.close();
        download(doc, `room-${room.code}-answers.csv`, csv);
        room.view = { ...(room.view || {}), status: "closed" };
        room.message = "The room is closed; its answers were downloaded and deleted from the server.";
      } catch (error) {
        room.message = `Could not close the room: ${error.message}`;
      }
      onChange();
    },
  };
  return { room, actions, stop: () => watcher.stop() };
}

function credentials() {
  const creds = coachCredentials(location.hash, sessionStore);
  const fragment = readFragment(location.hash);
  if (fragment.coach) history.replaceState(null, "", location.pathname + location.search + writeFragment({ room: fragment.room, slide: fragment.slide }));
  return creds;
}

// --- the index ---------------------------------------------------------------------------

function startIndex() {
  const creds = credentials();
  const status = doc.getElementById("ek-room-state");
  const wanted = roomCode(readFragment(location.hash).room);
  if (creds) {
    status.textContent = `Connected to live room ${creds.code}: its answers appear on the slides.`;
    for (const link of doc.querySelectorAll("a.ek-deck-link")) link.hash = `room=${creds.code}`;
  } else if (wanted) {
    status.textContent = `Room ${wanted}: open the coach link again in this window to connect to it.`;
  } else {
    status.textContent = "No live room: slides, timers and notes all work without one.";
  }
}

// --- a deck: slides or notes -------------------------------------------------------------

function startDeck(deck, notes, mode) {
  const storageKey = `equitykit-presenter/${deck.id}`;
  const saved = (() => {
    try {
      return JSON.parse((sessionStore && sessionStore.getItem(storageKey)) || "null");
    } catch {
      return null;
    }
  })();
  const start = readFragment(location.hash).slide || (saved && saved.slide) || deck.slides[0].id;
  const state = { slide: start, timers: (saved && saved.timers) || {}, blank: false, help: false };
  const creds = credentials();
  let live = null;
  const app = doc.getElementById("ek-app");
  app.replaceChildren();
  const stage = el(doc, "div", { className: "ek-stage", "aria-live": "polite" });
  const clock = el(doc, "span", { className: "ek-timer", role: "timer", "aria-live": "off" });
  const clockLabel = el(doc, "span", { className: "ek-timer-label" });
  const progress = el(doc, "span", { className: "ek-progress" });
  const roomState = el(doc, "span", { className: "ek-room-state" });
  const button = (label, action) => el(doc, "button", { type: "button", className: "ek-button", text: label, onclick: () => act(action) });
  const bar = el(doc, "footer", { className: "ek-bar" }, [
    el(doc, "span", { className: "ek-timer-box" }, [clockLabel, clock]),
    progress,
    roomState,
    el(doc, "span", { className: "ek-bar-buttons" }, [
      button("Previous", "prev"),
      button("Next", "next"),
      button(mode === "notes" ? "Pause or restart timer" : "Notes", mode === "notes" ? "timer" : "notes"),
      button("Keys", "help"),
    ]),
  ]);
  const help = el(doc, "div", { className: "ek-help", role: "dialog", "aria-label": "Keys", hidden: true }, [
    el(doc, "h2", { text: "Keys" }),
    el(doc, "dl", {}, KEY_HELP.flatMap(([keys, what]) => [el(doc, "dt", { text: keys }), el(doc, "dd", { text: what })])),
  ]);
  const blank = el(doc, "div", { className: "ek-blank", hidden: true, "aria-label": "Screen blanked" });
  app.append(stage, bar, help, blank);
  app.classList.add(mode === "notes" ? "ek-mode-notes" : "ek-mode-slides");

  const inRoom = () => Boolean(live && live.room.view && live.room.view.status === "open");
  const visible = () => visibleSlides(deck.slides, inRoom());
  const current = () => {
    const shown = visible();
    const index = indexOfId(deck.slides, shown, state.slide);
    return { shown, index, slide: shown[index] };
  };

  const sync = openSync(deck.id, (message) => {
    if (mode === "notes" && message.type === "state") {
      Object.assign(state, { slide: message.slide, timers: message.timers, blank: Boolean(message.blank) });
      render();
    } else if (mode === "slides" && message.type === "hello") announce();
    else if (mode === "slides" && message.type === "command") act(message.action);
  });

  function announce() {
    if (mode === "slides") sync.send({ type: "state", slide: state.slide, timers: state.timers, blank: state.blank });
  }

  function save() {
    try {
      if (sessionStore) sessionStore.setItem(storageKey, JSON.stringify({ slide: state.slide, timers: state.timers }));
    } catch {
      // storage blocked: the position lasts as long as the page
    }
  }

  function act(action) {
    if (mode === "notes" && action !== "help" && action !== "escape" && action !== "notes" && action !== "fullscreen") {
      sync.send({ type: "command", action });
      if (sync.available) return;
    }
    const now = Date.now();
    const { shown, index, slide } = current();
    if (action === "help") state.help = !state.help;
    else if (action === "escape") Object.assign(state, { help: false, blank: false });
    else if (action === "blank") state.blank = !state.blank;
    else if (action === "fullscreen") {
      if (doc.fullscreenElement) doc.exitFullscreen();
      else if (doc.documentElement.requestFullscreen) doc.documentElement.requestFullscreen().catch(() => {});
    } else if (action === "notes") {
      const hash = live ? `#room=${live.room.code}` : "";
      window.open(`${location.pathname}?view=notes${hash}`, `equitykit-notes-${deck.id}`, "popup,width=960,height=760");
    } else if (action === "timer" && slide.timer) {
      state.timers = { ...state.timers, [slide.timer.id]: T.toggle(state.timers[slide.timer.id] || T.newTimer(slide.timer.id, slide.timer.minutes), now) };
    } else if (action === "reset" && slide.timer) {
      state.timers = { ...state.timers, [slide.timer.id]: T.start(T.newTimer(slide.timer.id, slide.timer.minutes), now) };
    } else if (["next", "prev", "first", "last"].includes(action) || (action && typeof action === "object")) {
      const target = shown[move(index, shown.length, action)];
      state.slide = target.id;
      if (target.timer) state.timers = T.enter(state.timers, target.timer, now);
    }
    save();
    render();
    announce();
  }

  function render() {
    const { shown, index, slide } = current();
    const room = live ? live.room : null;
    if (mode === "notes") {
      stage.replaceChildren(renderNotes(doc, { deck, notes, slide, next: shown[index + 1], position: { index, count: shown.length }, room, actions: live ? live.actions : null }));
    } else {
      stage.replaceChildren(renderSlide(doc, slide, deck, inRoom() ? room : null));
      history.replaceState(null, "", location.pathname + location.search + writeFragment({ room: room && room.code, slide: slide.id }));
    }
    progress.textContent = `${index + 1} / ${shown.length}`;
    roomState.textContent = !room ? "" : inRoom() ? `Room ${room.code}: ${room.view.participants} joined` : `Room ${room.code}: ${room.view ? room.view.status : "connecting"}`;
    help.hidden = !state.help;
    blank.hidden = !(state.blank && mode === "slides");
    tick();
  }

  function tick() {
    const { slide } = current();
    if (!slide || !slide.timer) {
      clock.textContent = "";
      clockLabel.textContent = "";
      return;
    }
    const now = Date.now();
    const timer = state.timers[slide.timer.id] || T.newTimer(slide.timer.id, slide.timer.minutes);
    const phase = T.timerPhase(timer, now);
    clock.textContent = T.formatRemaining(T.remainingMs(timer, now));
    clock.dataset.phase = phase;
    clockLabel.textContent = phase === "paused" ? `${slide.timer.label} (paused)` : slide.timer.label;
    const big = stage.querySelector(".ek-slide-break .ek-lead");
    if (big) {
      const back = T.endsAt(timer, now);
      big.textContent = `Back in ${T.formatRemaining(T.remainingMs(timer, now))}${back ? `, at ${back}` : ""}`;
    }
  }

  doc.addEventListener("keydown", (event) => {
    const action = keyAction(event);
    if (!action) return;
    event.preventDefault();
    act(action);
  });
  if (creds) live = connectRoom(creds, render);
  const first = current().slide;
  if (mode === "slides" && first.timer) state.timers = T.enter(state.timers, first.timer, Date.now());
  render();
  if (mode === "notes") sync.send({ type: "hello" });
  else announce();
  setInterval(tick, 250);
}

function main() {
  if (doc.body.classList.contains("ek-index")) return startIndex();
  const deck = readJson("ek-deck");
  if (!deck) return;
  const mode = new URLSearchParams(location.search).get("view") === "notes" ? "notes" : "slides";
  doc.body.classList.add(mode === "notes" ? "ek-notes-window" : "ek-slides-window");
  startDeck(deck, mode === "notes" ? readJson("ek-notes") : { slides: {}, answers: {} }, mode);
}

main();
