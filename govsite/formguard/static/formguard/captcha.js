/* 换一张 without leaving the page: fetch a new challenge, swap the picture and the token.
   Without JavaScript the link reloads the page, which draws the form with a new challenge. */
(function () {
  "use strict";
  if (window.govsiteCaptcha || !window.fetch) { return; }
  window.govsiteCaptcha = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-guard-refresh]");
    if (!link) { return; }
    var box = link.closest("[data-guard-captcha]");
    event.preventDefault();
    fetch(link.getAttribute("data-guard-refresh"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (challenge) {
        box.querySelector("img").src = challenge.image_url;
        box.querySelector("input[type=hidden]").value = challenge.token;
        var answer = box.querySelector("input[type=text]");
        answer.value = "";
        answer.focus();
      })
      .catch(function () { window.location.href = link.href; });
  });
})();
