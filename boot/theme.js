// The remembered theme, set before the first paint so that a chosen theme does not flash the
// other one while the dashboard loads; src/theme.rs keeps it up to date. A file rather than
// an inline script, so that the page runs under a Content-Security-Policy without
// 'unsafe-inline'. It loads as a classic script in <head>, which blocks the first paint.
try {
  const theme = localStorage.getItem("dns-dashboard.theme");
  if (theme === "light" || theme === "dark") {
    document.documentElement.setAttribute("data-theme", theme);
  }
} catch (storageBlocked) {}
