// The first requests of the page, started as soon as this small module arrives (index.html loads
// it with `async`, ahead of main.js and the views): the map's data and the language file. The
// views import the same module (one instance), so they get these answers instead of asking again.
import { getJSON } from "./api.js";

// The page's language: ?lang=, else the one chosen last time, else English.
export const startLang = (() => {
  const asked = new URLSearchParams(location.search).get("lang") || localStorage.getItem("chipshock-lang");
  return asked === "ja" ? "ja" : "en";
})();

// world atlas, fabs and partnerships (rejections are reported by the map view)
export const mapData = Promise.all([
  getJSON("/static/vendor/world-atlas/countries-110m.json"),
  getJSON("/api/fabs"),
  getJSON("/api/partnerships"),
]);
mapData.catch(() => {});

// the strings of `startLang` (i18n.js falls back to its own request if this fails)
export const startStrings = getJSON(`/static/i18n/${startLang}.json`);
startStrings.catch(() => {});
