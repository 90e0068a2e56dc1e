// JSON from our own API; errors carry the server's message (which names the field).
export async function getJSON(url, options = {}) {
  const res = await fetch(url, options);
  const body = await res.json().catch(() => ({ detail: res.statusText }));
  if (!res.ok) {
    const err = new Error(body.detail || res.statusText);
    err.status = res.status;
    throw err;
  }
  return body;
}

export function postJSON(url, payload) {
  return getJSON(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
}

export function showError(err) {
  const box = document.getElementById("error");
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}
