// The learner's saved work: one store for every widget, the progress page and the plan.
//
// Each activity's work is kept under one key, "<module>/<activity id>". Keys are computed in
// Python from module.yml and arrive with each widget's data (`_store.keys`); no widget builds
// a key. On the published site the store is this browser's localStorage (nothing is sent
// anywhere); in JupyterLab it is the learner's journal file, read and written by Python
// through the widget's comm. Version-1 entries ("equitykit/v1/...") are moved to their new
// keys on first load, with the map Python ships (`_store.legacy`).

import { isRecord } from "./text.js";

export const PREFIX = "equitykit/v2/";
export const LEGACY_PREFIX = "equitykit/v1/";
const SAVED_EVENT = "equitykit:saved";
const KERNEL_TIMEOUT_MS = 8000;

// True when a Python kernel is behind the widget (JupyterLab), false on the static site.
export function hasKernel(model) {
  const manager = model && model.widget_manager;
  return Boolean(manager && (manager.kernel || manager._kernel || manager.context));
}

// Pure: turn version-1 entries into version-2 values.
// `legacy` maps old key -> {key, kind, part, options|items}; `entries` holds the old values;
// `existing` the version-2 values already saved (they are newer and always win).
// Returns {newKey: value} for the keys that gain work, and the old keys that were used.
export function migrateEntries(legacy, entries, existing = {}) {
  const values = {};
  const used = [];
  for (const [oldKey, spec] of Object.entries(legacy || {})) {
    if (!(oldKey in entries)) continue;
    used.push(oldKey);
    const old = entries[oldKey];
    if (existing[spec.key] !== undefined && existing[spec.key] !== null) continue;
    if (!isRecord(old)) continue;
    const value = values[spec.key] || {};
    const stamp = old.saved_at || old.at;
    if (stamp && (!value.saved_at || stamp > value.saved_at)) value.saved_at = stamp;
    if (spec.kind === "whole") {
      Object.assign(value, old);
    } else if (spec.kind === "sort") {
      value.choices = {};
      for (const [index, category] of Object.entries(old)) {
        const id = (spec.items || [])[Number(index)];
        if (id !== undefined && typeof category === "string") value.choices[id] = category;
      }
    } else if (spec.kind === "check") {
      const option = typeof old.chosen === "number" ? (spec.options || [])[old.chosen] : undefined;
      if (option === undefined) continue;
      value.answers = { ...(value.answers || {}), [spec.part]: { option, at: old.at || stamp || null } };
    } else if (spec.kind === "reflection" || spec.kind === "plan") {
      if (typeof old.text !== "string") continue;
      const field = spec.kind === "reflection" ? "texts" : "sections";
      value[field] = { ...(value[field] || {}), [spec.part]: old.text };
    }
    values[spec.key] = value;
  }
  return { values, used };
}

// Can this browser keep anything? "lasting" when localStorage works, "blocked" when it
// throws (storage switched off, a strict privacy setting).
export function storageState(storage) {
  try {
    const probe = `${PREFIX}__probe__`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return "lasting";
  } catch (error) {
    return "blocked";
  }
}

function readPrefixed(storage, prefix) {
  const out = {};
  try {
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (!key || !key.startsWith(prefix)) continue;
      try {
        out[key.slice(prefix.length)] = JSON.parse(storage.getItem(key));
      } catch (error) {
        /* a damaged entry counts as not saved */
      }
    }
  } catch (error) {
    /* storage switched off: nothing saved */
  }
  return out;
}

function announce(key) {
  if (typeof window !== "undefined" && window.dispatchEvent && typeof CustomEvent === "function") {
    window.dispatchEvent(new CustomEvent(SAVED_EVENT, { detail: { key } }));
  }
}

// The browser's own store (the published site).
export function browserStore(storage, legacy) {
  const state = storageState(storage);
  const store = {
    mode: "browser",
    state,
    where: "this browser",
    all: () => readPrefixed(storage, PREFIX),
    get: (key) => store.all()[key] ?? null,
    save(key, value, options = {}) {
      const stamped = options.keepStamp && value.saved_at ? { ...value } : { ...value, saved_at: new Date().toISOString() };
      try {
        storage.setItem(PREFIX + key, JSON.stringify(stamped));
        announce(key);
        return Promise.resolve({ ok: true, value: stamped });
      } catch (error) {
        return Promise.resolve({ ok: false, value: stamped, message: "this browser blocked saving" });
      }
    },
    onChange(fn) {
      if (typeof window === "undefined") return () => {};
      const local = (event) => fn(event.detail && event.detail.key);
      const other = (event) => {
        if (!event.key || event.key.startsWith(PREFIX)) fn(event.key ? event.key.slice(PREFIX.length) : null);
      };
      window.addEventListener(SAVED_EVENT, local);
      window.addEventListener("storage", other);
      return () => {
        window.removeEventListener(SAVED_EVENT, local);
        window.removeEventListener("storage", other);
      };
    },
  };
  if (state === "lasting" && legacy && Object.keys(legacy).length) {
    const { values, used } = migrateEntries(legacy, readPrefixed(storage, LEGACY_PREFIX), store.all());
    try {
      for (const [key, value] of Object.entries(values)) storage.setItem(PREFIX + key, JSON.stringify(value));
      for (const oldKey of used) storage.removeItem(LEGACY_PREFIX + oldKey);
    } catch (error) {
      /* leave the old entries where they are; a later visit tries again */
    }
  }
  return store;
}

// The learner's journal file, through Python (JupyterLab). Messages:
//   -> {type: "load", keys}                 <- {type: "loaded", items, where} | {type: "error", message}
//   -> {type: "save", key, value, request}  <- {type: "saved", request, ok, value, where, message}
export function kernelStore(model, keys, legacy, storage) {
  let items = {};
  let where = "your journal file";
  let counter = 0;
  const waiting = new Map();
  const listeners = new Set();
  let resolveLoad;
  let rejectLoad;
  const loaded = new Promise((resolve, reject) => {
    resolveLoad = resolve;
    rejectLoad = reject;
  });
  model.on("msg:custom", (message) => {
    if (!isRecord(message)) return;
    if (message.type === "loaded") {
      items = { ...message.items };
      where = message.where || where;
      resolveLoad();
      for (const fn of listeners) fn(null);
    } else if (message.type === "saved" && waiting.has(message.request)) {
      if (message.ok) items[message.key] = message.value;
      waiting.get(message.request)(message);
      waiting.delete(message.request);
    } else if (message.type === "error") {
      rejectLoad(new Error(message.message || "the journal could not be read"));
    }
  });
  const store = {
    mode: "journal",
    state: "lasting",
    get where() {
      return where;
    },
    all: () => ({ ...items }),
    get: (key) => items[key] ?? null,
    save(key, value, options = {}) {
      counter += 1;
      const request = counter;
      const stamped = options.keepStamp && value.saved_at ? { ...value } : { ...value, saved_at: new Date().toISOString() };
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(request);
          resolve({ ok: false, value: stamped, message: "Python did not answer; is the kernel running?" });
        }, KERNEL_TIMEOUT_MS);
        waiting.set(request, (reply) => {
          clearTimeout(timer);
          resolve({ ok: Boolean(reply.ok), value: reply.value || stamped, message: reply.message, where: reply.where });
        });
        model.send({ type: "save", key, value: stamped, request });
      });
    },
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  model.send({ type: "load", keys });
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("Python did not answer; is the kernel running?")), KERNEL_TIMEOUT_MS),
  );
  return Promise.race([loaded, timeout]).then(async () => {
    // Work a version-1 widget left in this browser moves into the journal once.
    if (storage && legacy && Object.keys(legacy).length && storageState(storage) === "lasting") {
      const { values, used } = migrateEntries(legacy, readPrefixed(storage, LEGACY_PREFIX), items);
      for (const [key, value] of Object.entries(values)) {
        const reply = await store.save(key, value);
        if (!reply.ok) return store;
      }
      for (const oldKey of used) storage.removeItem(LEGACY_PREFIX + oldKey);
    }
    return store;
  });
}

function localStorageOrNull() {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch (error) {
    return null;
  }
}

const blockedStorage = {
  length: 0,
  key: () => null,
  getItem: () => null,
  setItem: () => {
    throw new Error("storage unavailable");
  },
  removeItem: () => {},
};

// Open the store for a widget: the journal in JupyterLab, this browser on the site.
export function openStore(model) {
  const spec = model.get("_store") || {};
  const storage = localStorageOrNull() || blockedStorage;
  if (hasKernel(model)) return kernelStore(model, spec.keys || [], spec.legacy, storage);
  return Promise.resolve(browserStore(storage, spec.legacy));
}
