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

export async function storeFor(model, host) {
  try {
    return await openStore(model);
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

// Call `fn` once typing has paused for `ms` milliseconds; `.flush()` calls it now.
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
  return wrapped;
}
