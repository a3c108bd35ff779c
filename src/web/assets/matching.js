// quiz: a match question. A response is dragged onto a premise (mouse or
// touch), which sets that premise's select; the selects are what the form
// sends, and what the keyboard uses, so the page works with no script.
(function () {
  var question = document.querySelector("[data-kind=match]");
  if (!question) return;
  var dragged = null;
  question.querySelectorAll("li.response").forEach(function (li) {
    li.addEventListener("dragstart", function (event) {
      dragged = li.getAttribute("data-letter");
      event.dataTransfer.effectAllowed = "copy";
      event.dataTransfer.setData("text/plain", dragged);
    });
  });
  question.querySelectorAll("li.premise").forEach(function (li) {
    li.addEventListener("dragover", function (event) {
      if (dragged) {
        event.preventDefault();
        li.classList.add("target");
      }
    });
    li.addEventListener("dragleave", function () {
      li.classList.remove("target");
    });
    li.addEventListener("drop", function (event) {
      event.preventDefault();
      li.classList.remove("target");
      var select = li.querySelector("select");
      if (select && dragged) select.value = dragged;
      dragged = null;
    });
  });
})();
