// Keyboard support for the header search suggestions (a WAI-ARIA combobox with a listbox).
// Without this file the suggestions are still plain links reachable with Tab.
(() => {
  const input = document.getElementById("site-search");
  const box = document.getElementById("search-suggestions");
  if (!input || !box) return;
  let active = -1;
  const options = () => Array.from(box.querySelectorAll('[role="option"]'));
  const setActive = (index) => {
    const items = options();
    items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0 && items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    else input.removeAttribute("aria-activedescendant");
  };
  const close = () => { box.innerHTML = ""; setActive(-1); input.setAttribute("aria-expanded", "false"); };
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.target !== box) return;
    active = -1;
    input.setAttribute("aria-expanded", options().length ? "true" : "false");
  });
  input.addEventListener("keydown", (event) => {
    const items = options();
    if (!items.length) return;
    if (event.key === "ArrowDown") { event.preventDefault(); setActive((active + 1) % items.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); setActive((active - 1 + items.length) % items.length); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) { input.value = items[active].dataset.value; close(); }
  });
  box.addEventListener("mousedown", (event) => {
    const item = event.target.closest('[role="option"]');
    if (item) { event.preventDefault(); input.value = item.dataset.value; close(); input.form.requestSubmit(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
})();
