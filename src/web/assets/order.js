// quiz: an order question. Items are dragged into place (mouse or touch), or
// moved with Shift+↑ and Shift+↓ (Ctrl too) from the keyboard, as on the full
// screen; each item's place select follows, and is what the form sends, so
// the page works the same with no script at all.
(function () {
  var list = document.querySelector("[data-kind=order] .order-list");
  if (!list) return;

  function renumber() {
    var items = list.querySelectorAll("li.item");
    items.forEach(function (li, place) {
      var select = li.querySelector("select");
      if (select) select.value = String(place + 1);
      var letter = li.querySelector(".letter").textContent.replace(")", "");
      var text = li.querySelector(".text").textContent;
      li.setAttribute("aria-label", letter + ") " + text + ", place " + (place + 1) + " of " + items.length);
    });
  }

  // A place chosen in a select moves the item there.
  list.addEventListener("change", function (event) {
    var li = event.target.closest("li.item");
    if (!li) return;
    var to = Number(event.target.value) - 1;
    var items = Array.prototype.slice.call(list.querySelectorAll("li.item")).filter(function (x) {
      return x !== li;
    });
    list.insertBefore(li, items[to] || null);
    renumber();
  });

  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li.item");
    if (dragged) {
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.getAttribute("data-item"));
    }
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    var over = event.target.closest("li.item");
    if (!over || over === dragged) return;
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  list.addEventListener("drop", function (event) {
    event.preventDefault();
  });
  list.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    renumber();
  });

  list.addEventListener("keydown", function (event) {
    var li = event.target.closest("li.item");
    if (!li || event.target.tagName === "SELECT") return;
    var up = event.key === "ArrowUp", down = event.key === "ArrowDown";
    if (!(up || down) || !(event.shiftKey || event.ctrlKey)) return;
    event.preventDefault();
    event.stopPropagation();
    if (up && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
    if (down && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
    renumber();
    li.focus();
  }, true);
})();
