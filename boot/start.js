// Starts the dashboard on its own page: loads wasm-bindgen's glue and the WebAssembly it
// names. Trunk writes the tag that loads this file (pattern_script in Trunk.toml) with the
// two URLs in data attributes, in place of the inline module script it would write
// otherwise, which a Content-Security-Policy without 'unsafe-inline' refuses.
const tag = document.querySelector("script[data-dashboard-js]");
const { default: init } = await import(tag.dataset.dashboardJs);
await init({ module_or_path: tag.dataset.dashboardWasm });
