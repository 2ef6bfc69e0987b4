// Storefront enhancements; every page works without this file.
document.addEventListener("click", (event) => {
  const thumb = event.target.closest(".pdp-thumbs a[data-large]");
  if (thumb) {
    const main = document.getElementById("pdp-main");
    const link = document.getElementById("pdp-main-link");
    if (main && link) {
      event.preventDefault();
      main.src = thumb.dataset.large;
      link.href = thumb.dataset.large;
      document.querySelectorAll(".pdp-thumbs a").forEach((a) => a.removeAttribute("aria-current"));
      thumb.setAttribute("aria-current", "true");
    }
    return;
  }
  const toggle = event.target.closest(".menu-toggle");
  if (toggle) {
    const header = toggle.closest(".site-header");
    const open = header.classList.toggle("is-menu-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
});

document.addEventListener("change", (event) => {
  const variant = event.target.closest(".pdp-variant-list input[name=variant_id]");
  if (!variant || !variant.dataset.price) return;
  document.querySelectorAll("#pdp-price, .pdp-sticky-price").forEach((element) => {
    element.textContent = variant.dataset.price;
  });
  const available = document.getElementById("pdp-available");
  if (available && variant.dataset.available) available.textContent = variant.dataset.available;
});
