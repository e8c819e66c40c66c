// Pickers (workspaces/picker.py) with JavaScript: htmx fetches the matches while typing.
// No eval and no inline styles, so the Content-Security-Policy stays strict.
htmx.config.allowEval = false;
htmx.config.includeIndicatorStyles = false;
htmx.config.historyEnabled = false;

// The search buttons stop being the form's default button: Enter in another field saves
// the form, Enter in a search field searches.
document.querySelectorAll(".picker-button").forEach((button) => {
  button.type = "button";
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches(".picker-search input")) {
    event.preventDefault();
    htmx.trigger(event.target, "search");
  }
});

// A match that is ticked joins the chosen ones, so the next search keeps it. A radio
// button replaces the chosen one.
document.addEventListener("change", (event) => {
  const input = event.target;
  const item = input.closest(".picker-matches li");
  if (!item || !input.checked) return;
  const chosen = input.closest(".picker").querySelector(".picker-chosen");
  if (input.type === "radio") {
    chosen.querySelectorAll("li").forEach((old) => {
      if (old.querySelector("input").value !== "") old.remove();
    });
  }
  chosen.appendChild(item);
  input.focus();
});
