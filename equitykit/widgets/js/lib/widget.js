// What every widget that saves work does the same way: open the store (or say plainly that
// nothing will be kept) and tell the learner where their work went.

import { el } from "./dom.js";
import { openStore } from "./store.js";

// A store that keeps work only while the page is open, when the real one cannot be opened.
function memoryStore(reason) {
  const items = {};
  return {
    mode: "memory",
    state: "blocked",
    where: "this page only",
    reason,
    all: () => ({ ...items }),
    get: (key) => items[key] ?? null,
    save(key, value) {
      items[key] = { ...value, saved_at: new Date().toISOString() };
      return Promise.resolve({ ok: false, value: items[key], message: reason });
    },
    onChange: () => () => {},
  };
}

// One notice per page when this browser cannot keep the learner's work, or may forget it
// (a private window): at the top of the article, where it cannot be missed.
export const BLOCKED_NOTICE =
  "This browser is not keeping your work (its storage is switched off or blocked). " +
  "What you type is lost when you leave this page: download your journal from the progress " +
  "page, or copy your answers somewhere safe.";
export const TEMPORARY_NOTICE =
  "This looks like a private window: the browser will forget your work when you close it. " +
  "Download your journal from the progress page before you close, or use a normal window.";

function pageNotice(text, kind) {
  if (typeof document === "undefined" || document.querySelector(`.ek-storage-banner[data-kind="${kind}"]`)) return;
  const article = document.querySelector("main article, main, body");
  article.prepend(el("p", { className: "ek-storage-banner", role: "alert", "data-kind": kind, text }));
}

// Chromium and Firefox give a private window a small storage quota; a normal one has
// gigabytes. A guess, worded as one.
export function looksTemporary(quota) {
  return typeof quota === "number" && quota > 0 && quota < 150 * 1024 * 1024;
}

function warnAboutStorage(store) {
  if (store.mode === "journal") return;
  if (store.state === "blocked") {
    pageNotice(BLOCKED_NOTICE, "blocked");
    return;
  }
  try {
    navigator.storage.estimate().then(({ quota }) => {
      if (looksTemporary(quota)) pageNotice(TEMPORARY_NOTICE, "temporary");
    }, () => {});
  } catch (error) {
    /* no storage estimate in this browser: nothing to say */
  }
}

export async function storeFor(model, host) {
  try {
    const store = await openStore(model);
    warnAboutStorage(store);
    return store;
  } catch (error) {
    const reason = error && error.message ? error.message : "the store could not be opened";
    host.append(el("p", { className: "ek-status ek-warning", role: "alert", text: `Your saved work could not be loaded (${reason}). What you do now is not kept; copy anything you write somewhere safe.` }));
    return memoryStore(reason);
  }
}

// The sentence shown after a save.
export function savedMessage(store, reply) {
  if (reply.ok && store.mode === "journal") return `Saved to your journal (${reply.where || store.where}).`;
  if (reply.ok) return "Saved in this browser only. Nothing is sent anywhere.";
  return `Not saved: ${reply.message || "this browser blocked saving"}. Copy your work somewhere safe.`;
}

// The key this widget saves under (computed in Python).
export function keyOf(model) {
  return (model.get("_store") || {}).key;
}

// Work typed but not yet saved is saved when the learner leaves the page; if it could not be
// saved (storage blocked, JupyterLab's kernel gone), the browser asks before leaving.
const pendingSaves = new Set();
const unsaved = new Set();
let leaving = false;
function guardLeaving() {
  if (leaving || typeof window === "undefined") return;
  leaving = true;
  const flushAll = () => {
    for (const save of pendingSaves) save.flush();
  };
  window.addEventListener("pagehide", flushAll);
  window.addEventListener("beforeunload", (event) => {
    flushAll();
    if (unsaved.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

// Mark a widget's text as kept (ok) or not; the page warns before leaving while any is not.
export function markSaved(id, ok) {
  guardLeaving();
  if (ok) unsaved.delete(id);
  else unsaved.add(id);
}

// Call `fn` once typing has paused for `ms` milliseconds; `.flush()` calls it now. Pending
// calls are made when the learner leaves the page.
export function debounce(fn, ms = 600) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  wrapped.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
      fn();
    }
  };
  guardLeaving();
  pendingSaves.add(wrapped);
  return wrapped;
}
