// quiz: a choice question. A click, a tap or a choice's letter or number picks
// it at once on the server, which answers with the picks as they now are (a
// refused pick stays unpicked) and the news: so a reload loses nothing.
(function () {
  var form = document.getElementById("sheet");
  if (!form || !form.querySelector("[data-kind=choice]")) return;
  var csrf = form.querySelector("input[name=csrf]").value;
  var at = form.querySelector("input[name=at]").value;
  var queue = Promise.resolve();

  function show(data) {
    if (data.stale) {
      window.location.reload();
      return;
    }
    form.querySelectorAll("input[name=pick]").forEach(function (input) {
      input.checked = data.picks.indexOf(Number(input.value)) >= 0;
    });
    quiz.news(data.news);
    var items = document.querySelectorAll("#parts > li");
    data.parts.forEach(function (part, i) {
      var item = items[i];
      if (!item || part.clock || item.classList.contains("clock")) return;
      item.textContent = part.text;
      item.className = "part " + part.tone;
    });
  }

  function send(input) {
    var body = new URLSearchParams();
    body.set("csrf", csrf);
    body.set("at", at);
    body.set("toggle", input.value);
    return fetch("/quiz/edit", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(show)
      .catch(function () {
        quiz.news(["The quiz did not answer: is it still running? Reload the page to see where it is."]);
      });
  }

  quiz.pick = function (input) {
    input.focus();
    queue = queue.then(function () {
      return send(input);
    });
  };

  form.addEventListener("change", function (event) {
    if (event.target.name === "pick") quiz.pick(event.target);
  });
})();
