// Video facade: load the third-party player only when the reader asks for it.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".video-facade .video-link");
  if (!link) return;
  const figure = link.closest(".video-facade");
  const src = figure.dataset.embedSrc;
  if (!src) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = src;
  frame.title = figure.dataset.embedTitle || "";
  frame.allow = "autoplay; fullscreen; picture-in-picture";
  frame.loading = "lazy";
  frame.className = "video-frame";
  link.replaceWith(frame);
  frame.focus();
});
// A form with errors moves focus to its error summary, which announces them.
const summary = document.getElementById("error-summary");
if (summary) summary.focus();
