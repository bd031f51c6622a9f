/* While a citizen types a letter, show answers to similar questions from the knowledge base (I6).
   Progressive enhancement: without JavaScript the form works and the knowledge base stays one link away. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  var box = document.getElementById("similar");
  if (!form || !box || !window.fetch) { return; }
  var title = form.querySelector("[name=title]");
  var content = form.querySelector("[name=content]");
  var timer = null;
  var last = "";

  function render(results) {
    box.textContent = "";
    if (!results.length) { box.hidden = true; return; }
    var heading = document.createElement("p");
    heading.textContent = "以下已答复的问题可能与您的问题相似：";
    box.appendChild(heading);
    var list = document.createElement("ul");
    results.forEach(function (item) {
      var li = document.createElement("li");
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = item.question;
      var answer = document.createElement("p");
      answer.textContent = item.answer + (item.unit ? "（" + item.unit + "）" : "");
      details.appendChild(summary);
      details.appendChild(answer);
      li.appendChild(details);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }

  function lookup() {
    var text = ((title && title.value) || "") + " " + ((content && content.value) || "").slice(0, 200);
    text = text.trim();
    if (text.length < 4 || text === last) { return; }
    last = text;
    fetch(form.getAttribute("data-similar-url") + "?q=" + encodeURIComponent(text), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : {results: []}; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { box.hidden = true; });
  }

  function schedule() { window.clearTimeout(timer); timer = window.setTimeout(lookup, 500); }
  [title, content].forEach(function (field) { if (field) { field.addEventListener("input", schedule); } });
}());
