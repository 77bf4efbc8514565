// Performance task: a scenario, the learner's written response (saved as they type), then
// the rubric to score it against and, after an attempt, the model answer with its scores.
// Saved as {text, scores: {<criterion id>: 0..3}, revealed}.

import { el, uid } from "./lib/dom.js";
import { taskScore } from "./lib/completion.js";
import { isRecord } from "./lib/text.js";
import { debounce, keyOf, markSaved, savedMessage, storeFor } from "./lib/widget.js";

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const task = model.get("task");
  const criteria = task.rubric.map((c, i) => ({ ...c, id: `c${i + 1}` }));
  const saved = store.get(key);
  const state = {
    text: isRecord(saved) && typeof saved.text === "string" ? saved.text : "",
    scores: isRecord(saved) && isRecord(saved.scores) ? { ...saved.scores } : {},
    revealed: Boolean(isRecord(saved) && saved.revealed),
  };
  const root = el("div", { className: "ek-widget ek-task" });
  const status = el("p", { className: "ek-status", role: "status" });
  const boxId = uid("ek-task");
  const box = el("textarea", { id: boxId, rows: 10, className: "ek-textarea" });
  box.value = state.text;
  const scoreLine = el("p", { className: "ek-summary", "aria-live": "polite" });
  const rubricHolder = el("div", { className: "ek-task-rubric" });
  const modelHolder = el("div", { className: "ek-task-model", role: "region", "aria-label": "Model answer" });
  const reveal = el("button", { type: "button", className: "ek-button", text: "Open the model answer and its scores", "aria-expanded": "false" });
  modelHolder.hidden = true;

  async function saveNow() {
    const reply = await store.save(key, state);
    markSaved(key, reply.ok);
    status.textContent = savedMessage(store, reply);
  }
  const saveSoon = debounce(saveNow, 800);

  function updateScore() {
    const result = taskScore(criteria, state.scores, task.pass_mark);
    scoreLine.textContent = result.complete
      ? `Your score: ${result.score} of ${result.max}. ${result.met ? "It meets the standard" : "It does not yet meet the standard"} (${task.pass_mark} points). ${task.pass_note || ""}`.trim()
      : `Score your response on each criterion (${result.scored} of ${criteria.length} scored).`;
    reveal.disabled = !state.text.trim();
  }

  function drawRubric() {
    rubricHolder.replaceChildren(el("h3", { className: "ek-heading", text: "Score your response against the rubric" }));
    for (const criterion of criteria) {
      const name = uid("ek-criterion");
      const fieldset = el("fieldset", { className: "ek-question", "data-criterion": criterion.id });
      fieldset.append(el("legend", { text: criterion.criterion }));
      for (const level of [3, 2, 1, 0]) {
        const id = `${name}-${level}`;
        const input = el("input", { type: "radio", name, id, value: String(level), checked: state.scores[criterion.id] === level });
        input.addEventListener("change", () => {
          state.scores = { ...state.scores, [criterion.id]: level };
          updateScore();
          saveNow();
        });
        fieldset.append(el("div", { className: "ek-option" }, [input, el("label", { for: id, text: `${level}: ${criterion.levels[level]}` })]));
      }
      rubricHolder.append(fieldset);
    }
  }

  function drawModel() {
    const rows = criteria.map((c) => el("li", {}, [el("strong", { text: `${c.criterion}: ` }), `${task.model_scores[c.criterion]} of 3`]));
    modelHolder.replaceChildren(
      el("h3", { className: "ek-heading", text: "A model answer" }),
      ...task.model_answer.split(/\n\s*\n/).map((paragraph) => el("p", { text: paragraph.trim() })),
      el("p", { text: "How it scores on the rubric:" }),
      el("ul", {}, rows),
      task.model_note ? el("p", { className: "ek-source", text: task.model_note }) : null,
    );
    modelHolder.hidden = false;
    reveal.setAttribute("aria-expanded", "true");
  }

  box.addEventListener("input", () => {
    state.text = box.value;
    updateScore();
    saveSoon();
  });
  box.addEventListener("change", () => saveSoon.flush());
  reveal.addEventListener("click", () => {
    if (!state.text.trim()) return;
    state.revealed = true;
    drawModel();
    saveNow();
  });
  root.append(
    el("p", { className: "ek-task-scenario", text: task.scenario }),
    el("label", { for: boxId, className: "ek-prompt", text: task.prompt }),
    box,
    status,
    rubricHolder,
    scoreLine,
    el("p", { className: "ek-source", text: "The model answer opens once you have written your own response." }),
    el("div", { className: "ek-actions" }, [reveal]),
    modelHolder,
  );
  drawRubric();
  updateScore();
  if (state.revealed && state.text.trim()) drawModel();
  host.append(root);
}

export default { render };
