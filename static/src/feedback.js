// Feedback that stays anonymous: the phone takes a ballot while signed in, and sends the
// answer later, by itself, with the ballot's blind signature (RFC 9474) and no cookie.
// Without this file the form posts as usual, and the page says what that means.
import { entries, put, remove, sendDue } from "./feedback-outbox.js";

// Must agree with app/forms.py CONTROL_CHARACTERS and COMMENT_LIMIT in app/services/feedback.py.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]/;

// The signing code is fetched only when a ballot is needed or about to be. It is a bundle of
// its own (package.json), so this import stays as written: no chunk shared with this file.
let ballot;
function loadBallot() {
  ballot ??= import("./feedback-ballot.js").catch((error) => {
    ballot = undefined; // no signal: try again next time
    throw error;
  });
  return ballot;
}

class Refused extends Error {}

async function post(url, csrfToken, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
    body: JSON.stringify(body),
  });
  if (response.status >= 400 && response.status < 500) throw new Refused(response.status);
  if (!response.ok) throw new Error(`server answered ${response.status}`);
  return response.json();
}

function randomDelay([least, most]) {
  const [random] = crypto.getRandomValues(new Uint32Array(1));
  return (least + (random / 2 ** 32) * (most - least)) * 1000;
}

// Sign an entry's ballot. The blinded value is kept before it is sent, so that a reply
// lost on a weak signal can be asked for again with the same value.
async function takeBallot(entry, csrfToken) {
  const { blind, finalize } = await loadBallot();
  if (!entry.blinded) {
    const opened = await post("/feedback/ballot/open", csrfToken, { topic: entry.topic });
    Object.assign(entry, {
      unit: opened.unit,
      week: opened.week,
      jwk: opened.key,
      ...(await blind(opened.key)),
    });
    await put(entry);
  }
  const { signature } = await post("/feedback/ballot", csrfToken, {
    topic: entry.topic,
    week: entry.week,
    blinded: entry.blinded,
  });
  const { blinded, inv, jwk, ...rest } = entry;
  await put({
    ...rest,
    signature: await finalize(jwk, entry.token, signature, inv),
    state: "waiting",
    sendAt: Date.now() + randomDelay(entry.sendWithin),
  });
}

// Ask the service worker to send what is due (it also does when the signal comes back
// and whenever a page of the app opens); whatever is still due a little later, this page
// sends itself, the same way. A second copy of an answer is simply refused.
async function nudge(box) {
  const worker = navigator.serviceWorker && (await navigator.serviceWorker.ready);
  if (worker && worker.active) {
    worker.active.postMessage({ type: "SEND_FEEDBACK" });
    if (worker.sync) worker.sync.register("feedback").catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  await serial(sendDue);
  if (box) await showStatus(box);
}

// Ballots still waiting for signal are taken with a token of this page.
async function retryBallots(csrfToken) {
  if (!csrfToken) return;
  for (const entry of await entries()) {
    if (entry.state !== "ballot") continue;
    try {
      await takeBallot(entry, csrfToken);
    } catch (error) {
      if (error instanceof Refused) {
        await put({ id: entry.id, created: entry.created, topicLabel: entry.topicLabel, state: "refused" });
      }
    }
  }
}

// The NHS style for times: 9am, 2:30pm.
function clockTime(moment) {
  const at = new Date(moment);
  const hour = at.getHours() % 12 || 12;
  const minutes = at.getMinutes() ? `:${String(at.getMinutes()).padStart(2, "0")}` : "";
  return `${hour}${minutes}${at.getHours() < 12 ? "am" : "pm"}`;
}

function sentence(entry) {
  const about = `Your feedback on ${entry.topicLabel.toLowerCase()}`;
  switch (entry.state) {
    case "ballot":
      return `${about} is saved on this phone. It will be sent when you have signal again, while this page or the feedback page is open.`;
    case "waiting":
      return `${about} is on its way. To keep it anonymous, your phone sends it at a random time, by about ${clockTime(entry.sendAt)}, without your name. If the app is closed then, it goes the next time you open it.`;
    case "arrived":
      return `${about} has arrived. Thank you.`;
    case "closed":
      return `${about} could not be counted: feedback for that week had closed.`;
    default:
      return `${about} could not be counted. You can give feedback on it again next week.`;
  }
}

// This page's work on the outbox runs one task after another, so that an older reading
// never overwrites a newer one.
let queue = Promise.resolve();
function serial(task) {
  queue = queue.then(task).catch(() => {});
  return queue;
}

const showStatus = (box) => serial(() => renderStatus(box));

async function renderStatus(box) {
  const list = box.querySelector("ul");
  const shown = [];
  const forgetBefore = Date.now() - 14 * 24 * 60 * 60 * 1000;
  for (const entry of await entries()) {
    const settled = !["ballot", "waiting"].includes(entry.state);
    if (settled && entry.created < forgetBefore) await remove(entry.id);
    else shown.push(entry);
  }
  list.replaceChildren(
    ...shown.map((entry) => {
      const item = document.createElement("li");
      item.textContent = sentence(entry);
      return item;
    }),
  );
  box.hidden = shown.length === 0;
}

function chosen(form, name) {
  const input = form.querySelector(`input[name="${name}"]:checked`);
  return input && input.value;
}

function readForm(form) {
  const topic = chosen(form, "topic");
  const answer = chosen(form, "answer");
  const comment = form.querySelector("textarea[name=comment]").value.trim();
  const limit = Number(form.dataset.commentLimit);
  if (!topic || !answer || comment.length > limit || CONTROL.test(comment)) return null;
  const label = form.querySelector(`input[name="topic"][value="${topic}"]`).labels[0];
  return {
    id: crypto.randomUUID(),
    created: Date.now(),
    state: "ballot",
    topic,
    topicLabel: label.textContent.trim(),
    answer,
    comment,
    sendWithin: JSON.parse(form.dataset.sendWithin),
  };
}

function enhance(form) {
  const csrfToken = form.querySelector("input[name=csrf_token]").value;
  form.addEventListener("change", () => loadBallot().catch(() => {}), { once: true });
  form.addEventListener("submit", async (event) => {
    const entry = readForm(form);
    if (!entry) return; // the server explains what is missing
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    const outcome = await serial(async () => {
      await put(entry);
      try {
        await takeBallot(entry, csrfToken);
        return "signed";
      } catch (error) {
        if (!(error instanceof Refused)) return "no signal";
        await remove(entry.id);
        return "refused";
      }
    });
    if (outcome === "refused") {
      form.submit(); // the server says why, in the page's own words
    } else if (outcome === "no signal") {
      // The answer waits on this phone, and the ballot is taken when the signal is
      // back. The form goes; what happens next is said in its place.
      form.hidden = true;
      const box = document.querySelector("[data-feedback-status]");
      await showStatus(box);
      box.setAttribute("tabindex", "-1");
      box.focus();
    } else {
      nudge();
      window.location.assign(form.dataset.sentUrl);
    }
  });
}

async function start() {
  const form = document.querySelector("form[data-ballot]");
  if (form) enhance(form);
  const box = document.querySelector("[data-feedback-status]");
  const csrfToken = (form || box)?.querySelector("input[name=csrf_token]")?.value;
  const refresh = async () => {
    await serial(() => retryBallots(csrfToken));
    if (box) await showStatus(box);
    await nudge(box);
  };
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "FEEDBACK_CHANGED" && box) showStatus(box);
    });
    navigator.serviceWorker.startMessages();
  }
  window.addEventListener("online", refresh);
  setInterval(refresh, 30 * 1000);
  await refresh();
}

start();
