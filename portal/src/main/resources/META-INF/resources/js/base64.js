// Base64 (RFC 4648 section 4, padded) and base64url (section 5, unpadded) in their one canonical
// spelling: a signed format should accept exactly one text per value, as the verifier module does.

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(bytes, alphabet, pad) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((shift) => alphabet[(n >> shift) & 63]);
    const kept = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    out += chars.slice(0, kept).join('') + (pad ? '='.repeat(4 - kept) : '');
  }
  return out;
}

function decode(text, alphabet, pad) {
  if (typeof text !== 'string') {
    return null;
  }
  let body = text;
  if (pad) {
    if (text.length % 4 !== 0) {
      return null;
    }
    body = text.replace(/={1,2}$/, '');
  }
  if (body.length % 4 === 1) {
    return null;
  }
  const out = new Uint8Array(Math.floor((body.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of body) {
    const digit = alphabet.indexOf(c);
    if (digit < 0) {
      return null;
    }
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, else two texts would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) {
    return null;
  }
  return out;
}

/** Padded standard base64. */
export function encodeBase64(bytes) {
  return encode(bytes, STANDARD, true);
}

/** The bytes of canonical padded standard base64, or null. */
export function decodeBase64(text) {
  return decode(text, STANDARD, true);
}

/** Unpadded base64url. */
export function encodeBase64Url(bytes) {
  return encode(bytes, URL_SAFE, false);
}

/** The bytes of canonical unpadded base64url, or null. */
export function decodeBase64Url(text) {
  return decode(text, URL_SAFE, false);
}

/** Lowercase hex. */
export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
