import { apiError, early, json } from "./boot.js";
import { lang, t } from "./i18n.js";

// JSON from our own API (boot.js's `json`). A GET that boot.js already asked for (the first
// answers of the view the page opens on) takes its answer.
export function getJSON(url, options = {}) {
  return (Object.keys(options).length ? undefined : early(url)) ?? json(url, options);
}

export function postJSON(url, payload, options = {}) {
  return getJSON(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
    ...options,
  });
}

// An error belongs to the view (or panel) that caused it: `where` is the id prefix of its box.
export function showError(err, where) {
  const box = document.getElementById(`${where}-error`);
  if (!box) return;
  box.textContent = err ? errorText(err) : "";
  box.hidden = !err;
  if (err) shown.set(box, err);
  else shown.delete(box);
}

// the errors on show, by box: a switch of language (i18n.js's setLang sets <html lang>) shows
// each again in the new language
const shown = new Map();
new MutationObserver(() => {
  for (const [box, err] of shown) if (!box.hidden) box.textContent = errorText(err);
}).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });

// An error's text in the page's language: the server's Japanese text (`detail_ja`) on the
// Japanese page, its English `detail` on the English page; a server out of reach in the page's
// words. An error the page made itself (new Error(t(...))) is already in the page's language.
export function errorText(err) {
  if (err.unreachable) return t("err_unreachable");
  if (lang === "ja" && err.detailJa) return err.detailJa;
  return String(err.message || err);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Run a scenario job: start it, report progress while it runs, cancel on `signal`.
// onProgress({done, total, elapsed_s}); resolves to the result body (same as /api/scenarios/*).
export async function runJob(kind, payload, { onProgress, signal }) {
  const job = await postJSON(`/api/jobs/${kind}`, payload);
  let status = job;
  for (let i = 0; status.status === "running"; i++) {
    if (signal.aborted) {
      await fetch(`/api/jobs/${job.job_id}`, { method: "DELETE" });
      const err = new Error("cancelled");
      err.cancelled = true;
      throw err;
    }
    await sleep(i < 5 ? 100 : 300);
    status = await getJSON(`/api/jobs/${job.job_id}`);
    onProgress(status);
  }
  if (status.status !== "done") {
    const err = status.error ? apiError(status.error, status.error.status) : new Error(status.status);
    err.cancelled = status.status === "cancelled";
    throw err;
  }
  return getJSON(`/api/jobs/${job.job_id}/result`);
}
