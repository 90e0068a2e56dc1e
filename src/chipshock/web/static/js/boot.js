// The first requests of the page, started as soon as this small module arrives (index.html loads
// it with `async`, ahead of main.js and the views): the map's data and the language file. The
// views import the same module (one instance), so they get these answers instead of asking again.
// It imports nothing: with an import it would wait for that module's download (queued behind
// the page's other requests on HTTP/1.1's six connections) before asking for the language file,
// which every view waits for.

// JSON of our own API or static files; an error carries the server's message (as api.js does).
async function json(url) {
  const res = await fetch(url);
  const body = await res.json().catch(() => ({ detail: res.statusText }));
  if (!res.ok) {
    const err = new Error(body.detail || res.statusText);
    err.status = res.status;
    throw err;
  }
  return body;
}

// The page's language: ?lang=, else the one chosen last time, else English.
export const startLang = (() => {
  const asked = new URLSearchParams(location.search).get("lang") || localStorage.getItem("chipshock-lang");
  return asked === "ja" ? "ja" : "en";
})();

// the strings of both languages (index.html preloads them; i18n.js falls back to its own
// request if one fails): every view waits for those of `startLang`, the others serve a switch
export const langStrings = { en: json("/static/i18n/en.json"), ja: json("/static/i18n/ja.json") };
for (const strings of Object.values(langStrings)) strings.catch(() => {});

// world atlas, fabs and partnerships (rejections are reported by the map view)
export const mapData = Promise.all([
  json("/static/vendor/world-atlas/countries-110m.json"),
  json("/api/fabs"),
  json("/api/partnerships"),
]);
mapData.catch(() => {});
