// Mission Desk console: small behaviours only (CSP: no inline script anywhere).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // A confirmation before destructive buttons that carry data-confirm.
  document.body.addEventListener("submit", (event) => {
    const button = event.submitter;
    const text = button && button.dataset.confirm;
    if (text && !window.confirm(text)) {
      event.preventDefault();
    }
  });
});
