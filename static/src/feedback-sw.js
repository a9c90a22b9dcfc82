// The service worker's part of the feedback outbox (templates/pwa/sw.js imports it).
import { sendDue } from "./feedback-outbox.js";

self.feedbackOutbox = { sendDue };
