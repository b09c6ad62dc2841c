// The device cookie: a random token a browser gets at its first passed sign-in to an account. Only
// its SHA-256 is stored (known_devices). It grants nothing by itself; it only lets sign-in throttling
// judge that browser by its own failures (auth/throttle.ts).
import { randomBytes } from "node:crypto";

/** `__Host-`, Secure, HttpOnly, SameSite=Strict like the session cookie (see plugins/auth.ts). */
export const DEVICE_COOKIE = "__Host-ipt_device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;

export const newDeviceToken = () => randomBytes(32).toString("base64url");
