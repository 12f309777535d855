// The developers page's own script: only the dashboard's token settings, in memory.
import init, { mountTokenSettings } from "/dns-dashboard.js";

await init();
window.tokenSettings = mountTokenSettings(document.getElementById("token-settings"), {
  apiBase: "/api/v1",
});
