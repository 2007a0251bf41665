// The page's words in the meeting screen's language. The server writes the table into
// index.html (a JSON data block, never run as script); web/page_text.py says its shape.
// t("English text", {name: value}) and tn("singular", "plural", n, {values}) return the
// translation with its {placeholders} filled; a message missing from the table (it should
// never be: tests/test_web_i18n.py checks) shows in English rather than not at all.
"use strict";

(function () {
  let table = { messages: {}, plurals: {}, plural_index: [] };
  const block = document.getElementById("page-text");
  if (block) {
    try {
      table = JSON.parse(block.textContent);
    } catch (e) {
      // An unreadable table leaves the page in English.
    }
  }

  function fill(message, values) {
    if (!values) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name) =>
      Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
  }

  function pluralIndex(n) {
    const rule = table.plural_index || [];
    const span = rule.length;
    if (!span) return n === 1 ? 0 : 1;
    const k = Math.abs(Math.trunc(n));
    // gettext's rules depend on n, n % 10 and n % 100 only (see page_text.py).
    return rule[k < span ? k : 100 + (k % 100)];
  }

  window.t = function (message, values) {
    const found = table.messages[message];
    return fill(typeof found === "string" ? found : message, values);
  };

  window.tn = function (singular, plural, n, values) {
    const forms = table.plurals[singular];
    const english = n === 1 ? singular : plural;
    const form = forms ? forms[pluralIndex(n)] : undefined;
    return fill(typeof form === "string" ? form : english, Object.assign({ n }, values || {}));
  };

  window.pageLanguage = document.documentElement.lang || "en";
})();
