// The admin panel's own script: it loads the dashboard's module and mounts the dashboard
// into the side panel when the person opens it, and takes it out when they close it.
import init, { mountDashboard } from "/dns-dashboard.js";

const ready = init();
const panel = document.getElementById("dns-panel");
const opener = document.getElementById("open-dns");
let dashboard = null;

opener.addEventListener("click", async () => {
  await ready;
  if (dashboard === null) {
    // No token given: the dashboard asks the person for one and keeps it for this tab.
    // Its pages live in memory, so the admin panel keeps its own address.
    dashboard = mountDashboard(document.getElementById("dns-dashboard"), {
      apiBase: "/api/v1",
    });
  }
  panel.hidden = false;
  opener.setAttribute("aria-expanded", "true");
});

document.getElementById("close-dns").addEventListener("click", () => {
  dashboard?.unmount();
  dashboard = null;
  panel.hidden = true;
  opener.setAttribute("aria-expanded", "false");
  opener.focus();
});
