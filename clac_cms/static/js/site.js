// The site's one script (no inline script: the CSP forbids it). Loaded in <head>
// so the page is marked as scripted before it is drawn: the phone menu starts
// collapsed only when this script runs; without it the menu is simply open.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  // Main menu on phones: a disclosure button (aria-expanded) for the list.
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.querySelector(".main-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", () => {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Language choice: Escape or a click elsewhere closes it.
  const languages = document.querySelector(".lang-switcher details");
  if (languages) {
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && languages.open) {
        languages.open = false;
        languages.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (languages.open && !languages.contains(event.target)) languages.open = false;
    });
  }

  // A form with errors moves focus to its error summary, which announces them.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});

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

// The network map ({% network_map %}): hovering or focusing a list item highlights
// its point, and hovering a point its list item. Decoration only: the list works
// without it and the points stay out of the tab order.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".network-map").forEach((map) => {
    const pair = (id) => [
      map.querySelector(`[data-point="${id}"]`),
      document.getElementById(id),
    ];
    const set = (id, on) => {
      pair(id).forEach((element) => element && element.classList.toggle("is-highlighted", on));
    };
    map.querySelectorAll(".network-map__item").forEach((item) => {
      ["mouseenter", "focusin"].forEach((type) => item.addEventListener(type, () => set(item.id, true)));
      ["mouseleave", "focusout"].forEach((type) => item.addEventListener(type, () => set(item.id, false)));
    });
    map.querySelectorAll(".network-map__point").forEach((point) => {
      const id = point.dataset.point;
      point.addEventListener("mouseenter", () => set(id, true));
      point.addEventListener("mouseleave", () => set(id, false));
    });
  });
});
