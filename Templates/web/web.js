// The page's only script: uploads for 收文 and 新建工作区. Each file is its own request (the raw
// bytes, its name in a header): the progress bar moves file by file, and a file cut off midway
// is simply not collected — the server keeps nothing of an unfinished upload.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");

  function send(url, file, onProgress) {
    return new Promise(function (resolve) {
      var request = new XMLHttpRequest();
      request.open("POST", url);
      request.setRequestHeader("X-CSRF-Token", csrf);
      request.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
      request.setRequestHeader("Content-Type", "application/octet-stream");
      request.upload.onprogress = function (event) { if (event.lengthComputable) onProgress(event.loaded / event.total); };
      request.onload = function () {
        var body;
        try { body = JSON.parse(request.responseText); } catch (e) { body = { error: request.responseText || ("HTTP " + request.status) }; }
        resolve({ status: request.status, body: body });
      };
      request.onerror = function () { resolve({ status: 0, body: { error: "网络中断，文件未收取，请重试" } }); };
      request.send(file);
    });
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text || "";  // text, never HTML: names come from the units
    if (className) td.className = className;
    row.appendChild(td);
  }

  var upload = document.getElementById("upload");
  if (upload) {
    var input = document.getElementById("files"), drop = document.getElementById("drop");
    var progress = document.getElementById("progress"), progressText = document.getElementById("progress-text");
    var table = document.getElementById("outcomes"), body = table.querySelector("tbody");
    var busy = Promise.resolve();
    var collectFiles = function (files) {
      var list = Array.prototype.slice.call(files);
      if (!list.length) return;
      busy = busy.then(function () {
        progress.hidden = false; table.hidden = false;
        var batch = Math.random().toString(36).slice(2);
        return list.reduce(function (previous, file, index) {
          return previous.then(function () {
            progressText.textContent = "正在上传 " + (index + 1) + " / " + list.length + "：" + file.name;
            return send("/collect/upload?batch=" + batch, file, function (part) {
              progress.value = Math.round(100 * (index + part) / list.length);
            }).then(function (result) {
              var files = result.body.files || [{ path: file.name, status: "error", note: result.body.error }];
              files.forEach(function (outcome) {
                var row = document.createElement("tr");
                row.className = "outcome";
                cell(row, outcome.path);
                cell(row, outcome.unit);
                cell(row, outcome.statusText || outcome.status, outcome.status);
                cell(row, outcome.note);
                body.appendChild(row);
              });
            });
          });
        }, Promise.resolve()).then(function () {
          progress.value = 100;
          progressText.textContent = "完成：共 " + list.length + " 个文件。";
          progressText.setAttribute("data-done", String(document.querySelectorAll("#outcomes tr.outcome").length));
        });
      });
    };
    input.addEventListener("change", function () { collectFiles(input.files); input.value = ""; });
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (event) { event.preventDefault(); drop.classList.remove("over"); collectFiles(event.dataTransfer.files); });
  }

  // A form that cannot be undone asks first (data-confirm: our own text, never a unit's).
  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (form) {
    form.addEventListener("submit", function (event) { if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault(); });
  });

  var create = document.getElementById("create");
  if (create) {
    create.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = document.getElementById("source").files[0], result = document.getElementById("create-result");
      if (!file) return;
      result.hidden = false;
      result.textContent = "正在导入 " + file.name + " …";
      send("/workspace", file, function () {}).then(function (answer) {
        if (answer.status !== 200) { result.textContent = answer.body.error || "导入失败"; return; }
        var warnings = answer.body.warnings || [];
        if (!warnings.length) { window.location = "/"; return; }
        // The import's corrections, for the clerk to check before going on.
        result.textContent = "已导入 " + answer.body.tasks + " 项任务、" + answer.body.units + " 个责任单位。导入时的提示（请核对）：";
        var list = document.createElement("ul");
        warnings.forEach(function (text) { var item = document.createElement("li"); item.textContent = text; list.appendChild(item); });
        result.appendChild(list);
        var link = document.createElement("a");
        link.href = "/"; link.id = "enter"; link.textContent = "进入首页";
        result.appendChild(link);
      });
    });
  }
})();
