// The participant bridge on learner pages: joins a workshop's live room when the learner asks,
// then sends their knowledge-check answers and sorting choices there too (and a reflection
// only when they choose to share it). It does nothing at all, and sends nothing, unless the
// page was opened from a room's link (?room=CODE) or the learner joined a room earlier.
//
// Answers wait in the room client's outbox (localStorage), so going offline or reloading the
// page loses nothing; the rules of what is sent are in bridge.js.

import { createRoomClient, normalizeCode, roomCodeFromUrl } from "../../room/static/room_client.js";
import { baseline, promptKeys, remember, statusText, submissionsFor, withdrawal } from "./bridge.js";

const SAVED_PREFIX = "equitykit/v2/";
const STATE_KEY = "equitykit-room-bridge";
const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
const doc = document;

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readSaved(store) {
  const out = {};
  if (!store) return out;
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (!key || !key.startsWith(SAVED_PREFIX)) continue;
    try {
      out[key.slice(SAVED_PREFIX.length)] = JSON.parse(store.getItem(key));
    } catch {
      // a damaged entry is not sent
    }
  }
  return out;
}

function loadState(store, code) {
  try {
    const state = JSON.parse((store && store.getItem(STATE_KEY)) || "null");
    if (state && state.code === code) return state;
  } catch {
    // start afresh
  }
  return { code, activities: null, forwarded: null, shared: {} };
}

function node(tag, props = {}, children = []) {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") element.textContent = value;
    else if (name === "className") element.className = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** Each rendered reflection widget on the page, with its saved-work key. */
function reflectionHosts() {
  const stateScript = doc.querySelector(`script[type="${STATE_TYPE}"]`);
  if (!stateScript) return [];
  let models;
  try {
    models = JSON.parse(stateScript.textContent).state || {};
  } catch {
    return [];
  }
  const hosts = [];
  for (const view of doc.querySelectorAll(`script[type="${VIEW_TYPE}"]`)) {
    let id;
    try {
      id = JSON.parse(view.textContent).model_id;
    } catch {
      continue;
    }
    const model = models[id] && models[id].state;
    const host = view.nextElementSibling;
    if (model && model._esm === "equitykit-widget:reflection" && model._store && host) hosts.push({ key: model._store.key, host });
  }
  return hosts;
}

function startBridge() {
  const store = storage();
  const client = createRoomClient();
  const fromLink = roomCodeFromUrl(location.href);
  const initial = client.status();
  const typed = new URLSearchParams(location.search).has("room") && !fromLink;
  if (!initial.code && !fromLink && !typed) return; // not in a room: do nothing
  let state = loadState(store, initial.code);
  const panel = node("aside", { className: "ek-room-bridge", "aria-label": "Workshop room" });
  const line = node("p", { className: "ek-room-status", role: "status" });
  panel.append(line);
  doc.body.append(panel);

  function saveState() {
    try {
      if (store) store.setItem(STATE_KEY, JSON.stringify(state));
    } catch {
      // blocked storage: the bridge still works for this page
    }
  }

  function send(submissions) {
    for (const s of submissions) {
      try {
        client.submit(s.activity, s.kind, s.payload);
      } catch (error) {
        line.textContent = `This answer was not sent: ${error.message}.`;
        return;
      }
    }
    state.forwarded = remember(state.forwarded || {}, submissions);
    saveState();
  }

  function activities() {
    return state.activities || {};
  }

  function onSaved(event) {
    const key = event.detail && event.detail.key;
    if (!key || !client.status().joined || !store) return;
    let value = null;
    try {
      value = JSON.parse(store.getItem(SAVED_PREFIX + key));
    } catch {
      return;
    }
    send(submissionsFor(key, value, activities(), state.shared, state.forwarded || {}));
  }

  function addShareBoxes() {
    const rooms = activities();
    for (const { key, host } of reflectionHosts()) {
      for (const roomKey of promptKeys(key, rooms)) {
        const prompt = roomKey.slice(key.length + 1);
        const block = host.querySelector(`.ek-reflection-prompt[data-prompt="${CSS.escape(prompt)}"]`);
        if (!block || block.querySelector(".ek-room-share")) continue;
        const id = `ek-share-${key.replace(/[^a-z0-9]/gi, "-")}-${prompt}`;
        const box = node("input", { type: "checkbox", id });
        box.checked = Boolean(state.shared[roomKey]);
        box.addEventListener("change", () => {
          state.shared = { ...state.shared, [roomKey]: box.checked };
          saveState();
          const saved = JSON.parse(store.getItem(SAVED_PREFIX + key) || "null");
          send(box.checked ? submissionsFor(key, saved, rooms, { [roomKey]: true }, state.forwarded || {}) : withdrawal(roomKey, state.forwarded || {}));
        });
        const label = node("label", { for: id, text: "Share this saved reflection with the room, without your name (untick to stop sharing)" });
        block.append(node("div", { className: "ek-room-share" }, [box, label]));
      }
    }
  }

  function joined() {
    if (!state.forwarded) {
      state.forwarded = baseline(readSaved(store), activities());
      saveState();
    }
    panel.replaceChildren(line, node("button", { type: "button", className: "ek-room-leave", text: "Leave the room", onclick: leave }));
    window.addEventListener("equitykit:saved", onSaved);
    addShareBoxes();
    new MutationObserver(addShareBoxes).observe(doc.documentElement, { attributes: true, attributeFilter: ["data-widgets-rendered"] });
    if (fromLink) history.replaceState(null, "", location.pathname + location.hash.replace(/(^#|&)room=[^&]*/, ""));
  }

  function leave() {
    client.leave();
    if (store) store.removeItem(STATE_KEY);
    window.removeEventListener("equitykit:saved", onSaved);
    for (const share of doc.querySelectorAll(".ek-room-share")) share.remove();
    panel.remove();
  }

  function joinForm(code) {
    const input = node("input", { id: "ek-room-code", name: "room", autocomplete: "off", inputmode: "text", maxlength: "9", value: code || "" });
    const message = node("p", { className: "ek-room-message", role: "alert" });
    const form = node("form", { className: "ek-room-join" }, [
      node("p", { className: "ek-room-title", text: "Join the workshop room?" }),
      node("p", { text: "Your answers to knowledge checks and sorting exercises will also go to the room, without your name. Reflections stay private unless you choose to share one." }),
      node("label", { for: "ek-room-code", text: "Room code" }),
      input,
      node("button", { type: "submit", className: "ek-room-join-button", text: "Join the room" }),
      node("button", { type: "button", className: "ek-room-leave", text: "Not now", onclick: () => panel.remove() }),
      message,
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const wanted = normalizeCode(input.value);
      if (!wanted) {
        message.textContent = "A room code has 6 letters and digits, as shown on the screen.";
        return;
      }
      try {
        const result = await client.join(wanted);
        state = { ...loadState(store, wanted), activities: result.activities };
        saveState();
        joined();
      } catch (error) {
        message.textContent = `Could not join: ${error.message}`;
      }
    });
    panel.replaceChildren(form);
  }

  client.onStatus((status) => {
    if (status.joined || status.connection === "closed" || status.connection === "needs-join") line.textContent = statusText(status);
  });
  line.textContent = statusText(initial);
  if (initial.joined && (!fromLink || fromLink === initial.code)) {
    // joined on an earlier page: the client answers from its own storage, without a request
    client.join(initial.code).then((result) => {
      state.activities = state.activities || result.activities;
      joined();
    }, () => joinForm(initial.code));
  } else joinForm(fromLink || initial.code);
}

if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", startBridge);
else startBridge();
