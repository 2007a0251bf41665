// The dot vote on a member's device. Plain JavaScript, no external assets; every piece of
// text from the meeting goes in through textContent. It draws from the message app.js
// receives (the "meeting" event). The page only counts what it shows; the facilitator's
// process decides what is allowed and answers with a plain message when it is not. Its
// words go through t() / tn() (static/i18n.js), in the meeting screen's language.
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

  function used() {
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  function most() {
    return vote.max_per_option === null ? vote.dots : vote.max_per_option;
  }

  function status() {
    if (vote.round === 0) return t("Not opened yet. The facilitator opens it.");
    const placed = tn("{n} person placed dots", "{n} people placed dots", vote.placed.length);
    let said;
    if (vote.open && vote.hidden) {
      said = tn("Open · {placed}, {n} still to come. Totals stay hidden until everyone is in.",
        "Open · {placed}, {n} still to come. Totals stay hidden until everyone is in.",
        vote.waiting_for, { placed });
    } else if (vote.open) {
      said = t("Open · everyone is in · {placed}.", { placed });
    } else {
      said = t("Closed · {placed}.", { placed });
    }
    return vote.round > 1 ? t("Second round, among the tied · {status}", { status: said }) : said;
  }

  function renderResults() {
    const list = $("dots-results");
    list.replaceChildren();
    vote.results.forEach((r) => {
      const li = document.createElement("li");
      const top = r.rank === 1 && r.dots > 0;
      let said = t("{option}: {dots}", { option: r.option, dots: tn("{n} dot", "{n} dots", r.dots) });
      if (r.advisory) said = t("{result} (+{n} advisory)", { result: said, n: r.advisory });
      if (vote.tied.includes(r.option)) said = t("{result} — tied", { result: said });
      li.textContent = (top ? "★ " : "") + said;
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
      less.setAttribute("aria-label", t("One dot fewer on {option}", { option }));
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
      more.setAttribute("aria-label", t("One more dot on {option}", { option }));
      row.append(label, less, input, more);
      box.append(row);
    });
  }

  function renderLeft() {
    const left = vote.dots - used();
    const shown = Math.max(left, 0);
    const values = { total: vote.dots, most: most() };
    let said = vote.max_per_option === null
      ? tn("{n} dot left of {total}.", "{n} dots left of {total}.", shown, values)
      : tn("{n} dot left of {total}, at most {most} on one option.",
        "{n} dots left of {total}, at most {most} on one option.", shown, values);
    if (left < 0) said += " " + tn("That is {n} too many.", "That is {n} too many.", -left);
    text("dots-left", said);
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
    text("dots-legend", you.role === "guest" ? t("Your dots (advisory: guests are not counted)") : t("Your dots"));
    text("dots-submit", you.dots ? t("Change my dots") : t("Place my dots"));
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
        text("dots-error", data.error || t("Not done ({status}).", { status: response.status }));
        return;
      }
      text("dots-error", tn("Recorded: {n} dot placed.", "Recorded: {n} dots placed.", used()));
    } catch (e) {
      text("dots-error", t("Not sent: the connection is down. Try again in a moment."));
    }
  });
})();
