// Feedback answers waiting on this phone, in IndexedDB, shared by the pages and the
// service worker. An answer goes to the server with no cookie and no referrer, at the
// random moment its entry names, so it cannot be paired with the signed-in ballot.
//
// An entry's state: "ballot" (not yet signed: waiting for signal), "waiting" (signed,
// to be sent at sendAt), "arrived", or "closed" / "refused" (the server will not count
// it). Once an entry has arrived, its answer, comment and token are deleted.

const DB_NAME = "mbu-feedback";
const STORE = "outbox";
export const ANSWERS_URL = "/feedback/answers";

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

function open() {
  const opening = indexedDB.open(DB_NAME, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "id" });
  return request(opening);
}

async function withStore(mode, action) {
  const db = await open();
  try {
    const transaction = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
    const result = request(action(transaction.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

export const entries = () => withStore("readonly", (store) => store.getAll());
export const put = (entry) => withStore("readwrite", (store) => store.put(entry));
export const remove = (id) => withStore("readwrite", (store) => store.delete(id));

const OUTCOMES = { 201: "arrived", 409: "arrived", 410: "closed", 400: "refused" };

function settled(entry, state) {
  return { id: entry.id, created: entry.created, topicLabel: entry.topicLabel, week: entry.week, state };
}

// Send every signed entry whose moment has come. A network failure or a server error
// leaves it waiting for the next try; true when anything changed.
export async function sendDue(now = Date.now()) {
  let changed = false;
  for (const entry of await entries()) {
    if (entry.state !== "waiting" || entry.sendAt > now) continue;
    let response;
    try {
      response = await fetch(ANSWERS_URL, {
        method: "POST",
        credentials: "omit",
        referrerPolicy: "no-referrer",
        cache: "no-store",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          unit: entry.unit,
          topic: entry.topic,
          week: entry.week,
          token: entry.token,
          signature: entry.signature,
          answer: entry.answer,
          comment: entry.comment,
        }),
      });
    } catch {
      continue; // no signal: try again later
    }
    const state = OUTCOMES[response.status];
    if (state) {
      await put(settled(entry, state));
      changed = true;
    }
  }
  return changed;
}
