// quiz: the keys. A key presses what names it in `data-keys` (a button, a
// link, a choice), or in `data-row-keys` within the row that has the focus;
// the page says which keys do what, from the full screen's keymap. ↑ and ↓
// move between rows (choices, the review's questions, the results).
"use strict";
var quiz = (window.quiz = window.quiz || {});

(function () {
  function named(el, attr, key) {
    return (el.getAttribute(attr) || "").split(" ").indexOf(key) >= 0;
  }

  function find(scope, attr, key) {
    var all = scope.querySelectorAll("[" + attr + "]");
    for (var i = 0; i < all.length; i++) {
      if (named(all[i], attr, key)) return all[i];
    }
    return null;
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  }

  function focusRow(row) {
    var target = row && row.querySelector("input, button, a");
    if (target) target.focus();
  }

  function move(by) {
    var all = rows();
    if (!all.length) return false;
    var at = all.indexOf(document.activeElement && document.activeElement.closest("[data-row]"));
    var next = at < 0 ? (by > 0 ? 0 : all.length - 1) : Math.max(0, Math.min(all.length - 1, at + by));
    focusRow(all[next]);
    return true;
  }

  // What the candidate types into is theirs: no key is taken from it but
  // Enter in the question number, which goes there.
  function typing(el) {
    return el && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" || (el.tagName === "INPUT" && ["number", "text"].indexOf(el.type) >= 0));
  }

  quiz.press = function (el) {
    if (el.tagName === "INPUT" && el.name === "pick" && quiz.pick) {
      quiz.pick(el);
    } else if (el.tagName === "INPUT") {
      el.focus();
    } else {
      el.click();
    }
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var active = document.activeElement;
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (typing(active)) {
      if (key === "Enter" && active.id === "number") {
        event.preventDefault();
        document.getElementById("goto").click();
      } else if (key === "Escape") {
        active.blur();
      }
      return;
    }
    // A focused button or link takes Enter and Space itself.
    if ((key === "Enter" || key === " ") && active && (active.tagName === "BUTTON" || active.tagName === "A" || active.tagName === "SUMMARY")) return;
    if (key === "ArrowUp" || key === "ArrowDown") {
      if (move(key === "ArrowUp" ? -1 : 1)) event.preventDefault();
      return;
    }
    var row = active && active.closest && active.closest("[data-row]");
    var target = (row && find(row, "data-row-keys", key)) || find(document, "data-keys", key);
    if (!target) {
      var field = find(document, "data-focus-keys", key);
      if (field) {
        event.preventDefault();
        field.focus();
      }
      return;
    }
    event.preventDefault();
    quiz.press(target);
  });

  // The news, as the server words it: text only.
  quiz.news = function (lines) {
    var news = document.getElementById("news");
    if (!news || !lines) return;
    news.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      news.appendChild(p);
    });
  };

  // A question asked over the page (submit? leave?) has the focus.
  document.addEventListener("DOMContentLoaded", function () {
    var yes = document.querySelector(".dialog .primary");
    if (yes) yes.focus();
  });
})();
