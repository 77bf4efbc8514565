// Certificate of completion and evidence packet: made in the browser from the learner's own
// saved work, printed (or saved as PDF) or downloaded. Which modules are done is the progress
// rule (lib/completion.js); the text of a reflection or the plan is the journal's
// (lib/journal.js). The typed name is never saved, and nothing is sent anywhere.

import { control, downloadText, el, printOnly, today } from "./lib/dom.js";
import { courseProgress } from "./lib/completion.js";
import { activityText } from "./lib/journal.js";
import { isRecord, joinList } from "./lib/text.js";
import { storeFor } from "./lib/widget.js";

// The modules done, in course order, each with the day its last piece of work was saved.
export function completedModules(modules, store) {
  const progress = courseProgress(modules, store);
  return modules
    .map((module, index) => ({ module, row: progress[index] }))
    .filter(({ row }) => row.done)
    .map(({ module }) => {
      const stamps = module.activities
        .map((a) => (isRecord(store[a.key]) ? store[a.key].saved_at : null))
        .filter((s) => typeof s === "string" && /^\d{4}-\d{2}-\d{2}/.test(s))
        .sort();
      return {
        slug: module.slug,
        label: module.label,
        minutes: module.minutes,
        completedOn: stamps.length ? stamps[stamps.length - 1].slice(0, 10) : null,
        objectives: module.objectives || [],
        standards: module.standards || [],
      };
    });
}

// 125 -> "2 hours 5 minutes (2.08 hours)".
export function hoursText(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (rest || !hours) parts.push(`${rest} ${rest === 1 ? "minute" : "minutes"}`);
  return `${parts.join(" ")} (${(Math.round((minutes / 60) * 100) / 100).toFixed(2)} hours)`;
}

// Everything the certificate says, in order; the page and the Markdown both write it.
export function certificateContent(texts, completed, name, madeOn) {
  const minutes = completed.reduce((sum, m) => sum + m.minutes, 0);
  const standards = [...new Set(completed.flatMap((m) => m.standards))];
  return {
    title: texts.title,
    course: texts.course,
    name: (name || "").trim(),
    madeOn,
    modules: completed,
    minutes,
    hours: hoursText(minutes),
    standards,
    notes: [texts.made_by, texts.credit],
    source: texts.standards_source,
  };
}

function dateText(day) {
  return day ? `completed ${day}` : "completion date not recorded";
}

// The certificate as Markdown (the first part of the evidence packet).
export function certificateMarkdown(content) {
  const lines = [`## ${content.title}: ${content.course}`, ""];
  lines.push(content.name ? `Learner: ${content.name}` : "Learner: ______________________", "");
  lines.push(`Made on ${content.madeOn}. Modules completed: ${content.modules.length}. Estimated time: ${content.hours}.`, "");
  for (const module of content.modules) {
    lines.push(`### ${module.label} (${dateText(module.completedOn)}, ${module.minutes} minutes)`, "");
    lines.push("Objectives:", ...module.objectives.map((o) => `- ${o}`), "");
    lines.push(`Learning Forward standards addressed: ${module.standards.length ? joinList(module.standards) : "none named"}.`, "");
  }
  lines.push(...content.notes, "", `Standards: ${content.source}`, "");
  return lines.join("\n");
}

// The reflections the learner could include: every reflection activity with saved text.
export function reflectionChoices(modules, store) {
  const out = [];
  for (const module of modules) {
    for (const activity of module.activities) {
      if (activity.widget !== "reflection") continue;
      const text = activityText(activity, store[activity.key]);
      if (text !== null) out.push({ key: activity.key, label: `${module.label}: ${activity.title}`, text });
    }
  }
  return out;
}

// The evidence packet: the certificate, the reflections the learner chose, and the plan.
export function evidencePacketMarkdown(texts, modules, store, name, chosen, madeOn) {
  const content = certificateContent(texts, completedModules(modules, store), name, madeOn);
  const picked = new Set(chosen);
  const reflections = reflectionChoices(modules, store).filter((r) => picked.has(r.key));
  const plans = modules.flatMap((m) => m.activities.filter((a) => a.widget === "plan").map((a) => activityText(a, store[a.key])));
  const lines = [`# ${texts.packet_title}`, "", certificateMarkdown(content), "## Reflections I chose to include", ""];
  if (reflections.length) for (const r of reflections) lines.push(`### ${r.label}`, "", r.text, "");
  else lines.push("_None chosen._", "");
  lines.push("## My equity leadership plan", "");
  const written = plans.filter((p) => p !== null);
  lines.push(...(written.length ? written : ["_No plan saved yet._"]), "", "---", "", texts.packet_note, "");
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").replace(/\n+$/, "")}\n`;
}

function certificateSheet(content) {
  const sheet = el("div", { className: "ek-widget ek-sheet ek-certificate-sheet" });
  sheet.append(el("h1", { text: `${content.title}` }), el("p", { className: "ek-certificate-course", text: content.course }));
  sheet.append(el("p", { className: "ek-sheet-name", text: content.name ? `Learner: ${content.name}` : "Learner: ______________________" }));
  sheet.append(el("p", { text: `Made on ${content.madeOn}. Modules completed: ${content.modules.length}. Estimated time: ${content.hours}.` }));
  const table = el("table", { className: "ek-table" });
  table.append(el("caption", { text: "Modules completed" }));
  table.append(el("thead", {}, [el("tr", {}, ["Module", "Completed", "Minutes", "Objectives", "Learning Forward standards"].map((h) => el("th", { scope: "col", text: h })))]));
  table.append(el("tbody", {}, content.modules.map((m) => el("tr", {}, [
    el("th", { scope: "row", text: m.label }),
    el("td", { text: m.completedOn || "not recorded" }),
    el("td", { text: String(m.minutes) }),
    el("td", {}, [el("ul", {}, m.objectives.map((o) => el("li", { text: o })))]),
    el("td", { text: m.standards.length ? joinList(m.standards) : "none named" }),
  ]))));
  sheet.append(table);
  for (const note of content.notes) sheet.append(el("p", { className: "ek-sheet-note", text: note }));
  sheet.append(el("p", { className: "ek-sheet-note", text: `Standards: ${content.source}` }));
  return sheet;
}

function packetSheet(markdown) {
  const sheet = el("div", { className: "ek-widget ek-sheet" });
  sheet.append(el("pre", { className: "ek-sheet-text", text: markdown }));
  return sheet;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const modules = model.get("modules");
  const texts = model.get("texts");
  const root = el("div", { className: "ek-widget ek-certificate" });
  const summary = el("p", { className: "ek-summary", "aria-live": "polite" });
  const list = el("ul", { className: "ek-certificate-modules" });
  const status = el("p", { className: "ek-status", role: "status" });
  const name = el("input", { id: "ek-certificate-name", type: "text", className: "ek-input", autocomplete: "name" });
  const choices = el("fieldset", { className: "ek-certificate-choices" });
  const print = el("button", { type: "button", className: "ek-button", text: "Print the certificate (or save it as PDF)" });
  const packet = el("button", { type: "button", className: "ek-button", text: "Download the evidence packet (Markdown)" });
  const printPacket = el("button", { type: "button", className: "ek-button", text: "Print the evidence packet" });
  root.append(
    el("p", { className: "ek-note", text: texts.made_by }),
    summary,
    list,
    el("div", { className: "ek-controls ek-no-print" }, [control("Your name as it should appear (not saved)", name)]),
    choices,
    el("div", { className: "ek-actions ek-no-print" }, [print, packet, printPacket]),
    status,
  );
  host.append(root);

  const chosen = () => [...choices.querySelectorAll("input:checked")].map((i) => i.value);
  function draw() {
    const all = store.all();
    const completed = completedModules(modules, all);
    const content = certificateContent(texts, completed, "", today());
    summary.textContent = completed.length
      ? `${completed.length} of ${modules.length} modules completed: ${content.hours}.`
      : `No module is completed yet. A module counts once every activity in it is done (see your progress page).`;
    list.replaceChildren(...completed.map((m) => el("li", { "data-module": m.slug, text: `${m.label}: ${dateText(m.completedOn)}` })));
    print.disabled = completed.length === 0;
    const before = new Set(chosen());
    const options = reflectionChoices(modules, all);
    choices.replaceChildren(el("legend", { text: options.length ? "Reflections to include in the evidence packet" : "No reflection is saved yet, so the packet will have none." }));
    for (const option of options) {
      const id = `ek-cert-${option.key.replace(/[^a-z0-9]+/gi, "-")}`;
      const box = el("input", { type: "checkbox", id, value: option.key, checked: before.has(option.key) });
      choices.append(el("div", { className: "ek-option" }, [box, el("label", { for: id, text: option.label })]));
    }
  }

  print.addEventListener("click", () => {
    const content = certificateContent(texts, completedModules(modules, store.all()), name.value, today());
    printOnly(certificateSheet(content));
    status.textContent = "Opened your browser's print dialog with your certificate. Choose \u201cSave as PDF\u201d to keep a file.";
  });
  const packetText = () => evidencePacketMarkdown(texts, modules, store.all(), name.value, chosen(), today());
  packet.addEventListener("click", () => {
    try {
      downloadText(`evidence-packet-${today()}.md`, packetText());
      status.textContent = "Your evidence packet was downloaded. It was made here; nothing was sent anywhere.";
    } catch (error) {
      status.textContent = "Your browser could not make the download. Nothing was lost: your work is still saved.";
    }
  });
  printPacket.addEventListener("click", () => {
    printOnly(packetSheet(packetText()));
    status.textContent = "Opened your browser's print dialog with your evidence packet.";
  });
  store.onChange(draw);
  draw();
}

export default { render };
