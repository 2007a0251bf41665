// The dot vote on a member's device. Plain JavaScript, no external assets; every piece of
// text from the meeting goes in through textContent. It draws from the message app.js
// receives (the "meeting" event). The page only counts what it shows; the facilitator's
// process decides what is allowed and answers with a plain message when it is not.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  let vote = null;
  let you = { name: null };
  let drawnFor = ""; // the round and options the form was built for
  let counts = {}; // option -> dots chosen on this page, not yet sent

  function text(id, value) {
    $(id).textContent = value;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function used() {
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  function most() {
    return vote.max_per_option === null ? vote.dots : vote.max_per_option;
  }

  function status() {
    if (vote.round === 0) return "Not opened yet. The facilitator opens it.";
    const round = vote.round > 1 ? `Second round, among the tied · ` : "";
    const who = `${plural(vote.placed.length, "person")} placed dots`;
    if (vote.open && vote.hidden) {
      return `${round}Open · ${who}, ${vote.waiting_for} still to come. Totals stay hidden until everyone is in.`;
    }
    if (vote.open) return `${round}Open · everyone is in · ${who}.`;
    return `${round}Closed · ${who}.`;
  }

  function renderResults() {
    const list = $("dots-results");
    list.replaceChildren();
    vote.results.forEach((r) => {
      const li = document.createElement("li");
      const advisory = r.advisory ? ` (+${r.advisory} advisory)` : "";
      const top = r.rank === 1 && r.dots > 0;
      li.textContent = `${top ? "★ " : ""}${r.option}: ${plural(r.dots, "dot")}${advisory}` +
        (vote.tied.includes(r.option) ? " — tied" : "");
      if (top) li.className = "top";
      list.append(li);
    });
  }

  function buildForm() {
    const key = `${vote.round}|${vote.options.join("\u0000")}`;
    if (drawnFor === key) return;
    drawnFor = key;
    counts = {};
    for (const option of vote.options) counts[option] = (you.dots && you.dots[option]) || 0;
    const box = $("dots-options");
    box.replaceChildren();
    vote.options.forEach((option, i) => {
      const row = document.createElement("div");
      row.className = "dot-row";
      const label = document.createElement("label");
      label.htmlFor = `dot-${i}`;
      label.textContent = option;
      const less = document.createElement("button");
      less.type = "button";
      less.textContent = "−";
      less.dataset.dotStep = "-1";
      less.dataset.dotOption = option;
      less.setAttribute("aria-label", `One dot fewer on ${option}`);
      const input = document.createElement("input");
      input.type = "number";
      input.inputMode = "numeric";
      input.min = "0";
      input.max = String(most());
      input.id = `dot-${i}`;
      input.dataset.dotOption = option;
      input.value = String(counts[option]);
      const more = document.createElement("button");
      more.type = "button";
      more.textContent = "+";
      more.dataset.dotStep = "1";
      more.dataset.dotOption = option;
      more.setAttribute("aria-label", `One more dot on ${option}`);
      row.append(label, less, input, more);
      box.append(row);
    });
  }

  function renderLeft() {
    const left = vote.dots - used();
    const limit = vote.max_per_option === null ? "" : `, at most ${most()} on one option`;
    text("dots-left", `${plural(Math.max(left, 0), "dot")} left of ${vote.dots}${limit}.` +
      (left < 0 ? ` That is ${-left} too many.` : ""));
    for (const input of $("dots-options").querySelectorAll("input")) {
      input.value = String(counts[input.dataset.dotOption] || 0);
    }
    for (const b of $("dots-options").querySelectorAll("button")) {
      const n = counts[b.dataset.dotOption] || 0;
      b.disabled = b.dataset.dotStep === "1" ? left <= 0 || n >= most() : n <= 0;
    }
  }

  function render(detail) {
    const item = detail.view.item;
    vote = item && !detail.view.off_record ? item.dot_vote : null;
    you = detail.you;
    $("dots").hidden = !vote;
    if (!vote) return;
    text("dots-status", status());
    renderResults();
    const canPlace = vote.open && you.name !== null && you.role !== "observer" && !detail.screenMode;
    $("dots-form").hidden = !canPlace;
    if (!canPlace) return;
    buildForm();
    const guest = you.role === "guest" ? " (advisory: guests are not counted)" : "";
    text("dots-legend", `Your dots${guest}`);
    text("dots-submit", you.dots ? "Change my dots" : "Place my dots");
    renderLeft();
  }

  document.addEventListener("meeting", (event) => render(event.detail));

  document.addEventListener("click", (event) => {
    const b = event.target.closest("button[data-dot-step]");
    if (!b || !vote) return;
    const option = b.dataset.dotOption;
    counts[option] = Math.max(0, (counts[option] || 0) + Number(b.dataset.dotStep));
    renderLeft();
  });

  document.addEventListener("input", (event) => {
    const input = event.target.closest("input[data-dot-option]");
    if (!input || !vote) return;
    const n = parseInt(input.value, 10);
    counts[input.dataset.dotOption] = Number.isFinite(n) && n > 0 ? n : 0;
    renderLeft();
  });

  $("dots-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    text("dots-error", "");
    try {
      const response = await fetch("/dots", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ dots: counts }),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        text("dots-error", data.error || `Not done (${response.status}).`);
        return;
      }
      text("dots-error", `Recorded: ${plural(used(), "dot")} placed.`);
    } catch (e) {
      text("dots-error", "Not sent: the connection is down. Try again in a moment.");
    }
  });
})();
