// Knowledge check: multiple choice, with feedback that explains every answer.
function render({ model, el }) {
  const module = model.get("module");
  const questions = model.get("questions");
  const answers = { ...(model.get("answers") || {}) };
  const root = ekEl("div", { className: "ek-widget ek-check" });
  const summary = ekEl("p", { className: "ek-summary", "aria-live": "polite" });

  function updateSummary() {
    const answered = questions.filter((q) => answers[q.id] !== undefined);
    const right = answered.filter((q) => q.options[answers[q.id]].correct);
    summary.textContent = answered.length
      ? `${right.length} of ${questions.length} answered correctly (${answered.length} answered).`
      : `${questions.length} questions. Choose an answer to see why it is or is not the best one.`;
  }

  questions.forEach((question, qIndex) => {
    const saved = ekStoreGet(`${module}/check/${question.id}`);
    if (answers[question.id] === undefined && saved && saved.chosen !== undefined) {
      answers[question.id] = saved.chosen;
    }
    const name = ekUid(`ek-q${qIndex}`);
    const fieldset = ekEl("fieldset", { className: "ek-question" });
    fieldset.append(ekEl("legend", { text: `${qIndex + 1}. ${question.question}` }));
    const feedback = ekEl("div", { className: "ek-feedback", "aria-live": "polite" });

    function showFeedback(optionIndex) {
      const option = question.options[optionIndex];
      feedback.className = `ek-feedback ${option.correct ? "ek-correct" : "ek-incorrect"}`;
      feedback.replaceChildren(
        ekEl("strong", { text: option.correct ? "Correct. " : "Not the best answer. " }),
        option.feedback,
      );
    }

    question.options.forEach((option, oIndex) => {
      const id = `${name}-${oIndex}`;
      const input = ekEl("input", {
        type: "radio",
        name,
        id,
        value: String(oIndex),
        checked: answers[question.id] === oIndex,
      });
      input.addEventListener("change", () => {
        answers[question.id] = oIndex;
        ekStoreSet(`${module}/check/${question.id}`, {
          chosen: oIndex,
          correct: Boolean(option.correct),
          question: question.question,
          at: new Date().toISOString(),
        });
        showFeedback(oIndex);
        updateSummary();
        ekSync(model, { answers: { ...answers } });
      });
      fieldset.append(ekEl("div", { className: "ek-option" }, [
        input,
        ekEl("label", { for: id, text: option.text }),
      ]));
    });
    fieldset.append(feedback);
    if (answers[question.id] !== undefined) showFeedback(answers[question.id]);
    root.append(fieldset);
  });
  updateSummary();
  root.append(summary);
  el.append(root);
}
export default { render };
