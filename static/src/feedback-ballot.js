// The blind signature (RFC 9474) for a feedback ballot: the heavy part of the feedback
// script, loaded when she starts to fill in the form (and kept by the service worker).
import { RSABSSA } from "@cloudflare/blindrsa-ts";

const suite = RSABSSA.SHA384.PSS.Randomized();

function b64url(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function bytes(text) {
  const raw = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function importKey(jwk) {
  return crypto.subtle.importKey("jwk", jwk, { name: "RSA-PSS", hash: "SHA-384" }, true, [
    "verify",
  ]);
}

// A fresh token, blinded for the unit's key of the week.
export async function blind(jwk) {
  const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(await importKey(jwk), prepared);
  return { token: b64url(prepared), blinded: b64url(blindedMsg), inv: b64url(inv) };
}

// The token's signature, unblinded from the server's answer.
export async function finalize(jwk, token, signature, inv) {
  const key = await importKey(jwk);
  return b64url(await suite.finalize(key, bytes(token), bytes(signature), bytes(inv)));
}
