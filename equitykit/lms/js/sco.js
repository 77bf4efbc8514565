// The launch page of one module in an LMS (one SCO): finds the LMS's SCORM API with the
// SCORM API wrapper (@szenadam/scorm-api-wrapper, the pipwerks discovery: parent frames, then
// the opener for a popup), restores the learner's saved work from cmi.suspend_data into this
// browser's store, shows the module's pages in a frame and reports to the LMS after every
// save. With no LMS API the pages work as on the course website: work stays in this browser.
// The rules are in scorm_bridge.js; this file only calls the LMS and draws the bar.

import ScormApiWrapper from "@szenadam/scorm-api-wrapper";
import { PREFIX, browserStore, storageState } from "../../widgets/js/lib/store.js";
import {
  STANDARDS,
  bookmark,
  cmiValues,
  decodeSuspend,
  encodeSuspend,
  exitValues,
  keptMessage,
  mergeWork,
  moduleItems,
  moduleResult,
  neverLower,
  passingScore,
  previousResult,
  resumePage,
} from "./scorm_bridge.js";

const SYNC_DELAY_MS = 400;

function connect(standard) {
  const wrapper = new ScormApiWrapper(false);
  wrapper.scormVersion = standard; // look only for this standard's API object
  wrapper.handleCompletionStatus = false; // the bridge sets every status itself
  wrapper.handleExitMode = false;
  try {
    return wrapper.initialize() ? wrapper : null;
  } catch (error) {
    return null; // a frame of another origin between us and the LMS: no API reachable
  }
}

function setAll(wrapper, values) {
  const failed = [];
  for (const [element, value] of values) if (!wrapper.dataSet(element, value)) failed.push(element);
  return failed;
}

async function start() {
  const data = JSON.parse(document.getElementById("ek-sco-data").textContent);
  const frame = document.getElementById("ek-sco-frame");
  const status = document.getElementById("ek-sco-status");
  const note = document.getElementById("ek-sco-note");
  const finish = document.getElementById("ek-sco-finish");
  const root = document.documentElement;
  const siteRoot = new URL(data.site_root, document.baseURI).href;
  const limits = STANDARDS[data.standard];
  const titles = Object.fromEntries(data.module.activities.map((a) => [a.key, a.title]));
  const started = Date.now();
  const storage = (() => {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();
  const store = storage && storageState(storage) === "lasting" ? browserStore(storage) : null;
  const wrapper = connect(data.standard);

  if (!wrapper) {
    root.dataset.lmsState = "local";
    status.textContent = `No LMS connection was found, so nothing is reported. ${store ? "Your work is kept in this browser only, as on the course website." : "This browser blocks storage: copy anything you write somewhere safe."}`;
    finish.hidden = true;
    frame.src = new URL(data.start_page, siteRoot).href;
    return;
  }

  const get = (element) => wrapper.dataGet(element);
  const previous = previousResult(data.standard, get);
  const passing = data.standard === "2004" ? passingScore(get("cmi.scaled_passing_score"), data.passing) : data.passing;
  const restored = await decodeSuspend(get("cmi.suspend_data"));
  const location = get(data.standard === "1.2" ? "cmi.core.lesson_location" : "cmi.location");
  let restoredNote = restored.problem ? `Saved work could not be restored: ${restored.problem}.` : "";
  if (store) {
    const { values, fromLms } = mergeWork(moduleItems(data.module, store.all()), restored.items);
    try {
      for (const key of fromLms) storage.setItem(PREFIX + key, JSON.stringify(values[key]));
    } catch (error) {
      restoredNote = "This browser could not take back your saved work from the LMS.";
    }
  } else {
    restoredNote = "This browser blocks storage, so your saved work cannot be shown or kept here.";
  }
  root.dataset.lmsState = "connected";
  root.dataset.lmsSyncs = "0";
  status.textContent = `Connected to your LMS (SCORM ${data.standard}). Your work is saved in this browser and reported to the LMS.`;
  frame.src = new URL(resumePage(location, data.start_page), siteRoot).href;

  let here = "";
  let last = null;
  let chain = Promise.resolve();
  let timer = null;
  let finished = false;

  async function sync() {
    if (finished) return;
    const items = store ? moduleItems(data.module, store.all()) : {};
    const result = neverLower(previous, moduleResult(data.module, items, passing));
    const suspend = await encodeSuspend(items, limits.suspendLimit);
    if (finished) return;
    const failed = setAll(wrapper, cmiValues(result, data.standard, { suspend: suspend.text, location: here }));
    const committed = wrapper.save();
    last = { result, suspend };
    root.dataset.lmsSyncs = String(Number(root.dataset.lmsSyncs) + 1);
    const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    status.textContent = failed.length || !committed
      ? `The LMS did not accept everything (${failed.join(", ") || "commit"}); your work is still saved in this browser.`
      : `Connected to your LMS (SCORM ${data.standard}). Last reported at ${time}: ${result.completion}${result.scaled !== null ? `, score ${Math.round(result.scaled * 100)}%` : ""}.`;
    note.textContent = [restoredNote, keptMessage(suspend, titles, limits.suspendLimit)].filter(Boolean).join(" ");
  }
  const syncSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      chain = chain.then(sync, sync);
    }, SYNC_DELAY_MS);
  };

  frame.addEventListener("load", () => {
    try {
      here = bookmark(siteRoot, frame.contentWindow.location.href, limits.locationLimit);
      frame.contentWindow.addEventListener("equitykit:saved", syncSoon);
    } catch (error) {
      here = "";
    }
    syncSoon();
  });
  window.addEventListener("storage", (event) => {
    if (!event.key || event.key.startsWith(PREFIX)) syncSoon();
  });

  function leave() {
    if (finished) return;
    clearTimeout(timer);
    if (last) setAll(wrapper, cmiValues(last.result, data.standard, { suspend: last.suspend.text, location: here }));
    finished = true;
    setAll(wrapper, exitValues(data.standard, Date.now() - started));
    wrapper.terminate();
    root.dataset.lmsState = "finished";
  }
  finish.addEventListener("click", async () => {
    clearTimeout(timer);
    await (chain = chain.then(sync, sync));
    leave();
    finish.disabled = true;
    status.textContent = "Finished: your work was reported to the LMS. You can close this window or go back to your LMS.";
  });
  window.addEventListener("pagehide", leave);
  chain = chain.then(sync, sync);
}

start();
