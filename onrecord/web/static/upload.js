// The upload form as a drop zone: files dropped anywhere on it fill the file input, the chosen
// names are listed, and the button says the work is under way (attribution takes seconds).
// Without this script the plain file input does the same job. Names are written as text only.
(function () {
  "use strict";
  var form = document.querySelector("form.upload");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var button = form.querySelector("button[type=submit]");
  var list = form.querySelector(".chosen");

  function showChosen() {
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + file.size.toLocaleString() + " bytes)";
      list.appendChild(item);
    });
  }

  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (event) {
      event.preventDefault();
      form.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    form.addEventListener(name, function () { form.classList.remove("dragging"); });
  });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      showChosen();
    }
  });
  input.addEventListener("change", showChosen);
  form.addEventListener("submit", function () {
    button.disabled = true;
    button.textContent = "Reading and attributing…";
    form.setAttribute("aria-busy", "true");
  });
})();
