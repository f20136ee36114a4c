// Compact JWS with detached payload (RFC 7515 appendix F), EdDSA over Ed25519 (RFC 8037), read exactly as
// the verifier module's DetachedJws reads it: BASE64URL(header) '..' BASE64URL(signature), the signature
// over ASCII(BASE64URL(header) '.' BASE64URL(payload)) as in an attached JWS (no RFC 7797 b64=false).
// The header must be a JSON object with alg EdDSA and a non-empty string kid; crit and a b64 other than
// true are refused. Base64url must be unpadded and canonical. Also: JWK sets, and RFC 7638 thumbprints,
// the key fingerprints the Java side prints.

import { decodeBase64Url, encodeBase64Url } from './base64.js';
import { decodeUtf8, parseStrict, quote } from './jcs.js';
import { sha256 } from './merkle.js';

export const ALG = 'EdDSA';

/** Why a JWS did not verify: MALFORMED, UNSUPPORTED, UNKNOWN_KEY, INVALID_KEY or INVALID_SIGNATURE. */
export class JwsError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'JwsError';
    this.reason = reason;
  }
}

function decodePart(part, what) {
  const bytes = decodeBase64Url(part);
  if (bytes === null) {
    throw new JwsError('MALFORMED', `${what} is not unpadded canonical base64url`);
  }
  if (bytes.length === 0) {
    throw new JwsError('MALFORMED', `${what} is empty`);
  }
  return bytes;
}

function parseHeader(bytes) {
  const json = decodeUtf8(bytes);
  if (json === null) {
    throw new JwsError('MALFORMED', 'protected header is not UTF-8');
  }
  let header;
  try {
    header = parseStrict(json);
  } catch (e) {
    throw new JwsError('MALFORMED', `protected header is not JSON: ${e.message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new JwsError('MALFORMED', 'protected header must be a JSON object');
  }
  if (!Object.hasOwn(header, 'alg')) {
    throw new JwsError('MALFORMED', 'protected header has no alg');
  }
  if (header.alg !== ALG) {
    throw new JwsError('UNSUPPORTED', `alg must be "${ALG}", found ${JSON.stringify(header.alg)}`);
  }
  if (!Object.hasOwn(header, 'kid')) {
    throw new JwsError('MALFORMED', 'protected header has no kid');
  }
  if (typeof header.kid !== 'string' || header.kid.length === 0) {
    throw new JwsError('MALFORMED', `kid must be a non-empty string, found ${JSON.stringify(header.kid)}`);
  }
  if (Object.hasOwn(header, 'crit')) {
    throw new JwsError('UNSUPPORTED', `protected header has crit ${JSON.stringify(header.crit)}, but no critical extension is supported`);
  }
  if (Object.hasOwn(header, 'b64') && header.b64 !== true) {
    throw new JwsError('UNSUPPORTED', `b64 ${JSON.stringify(header.b64)} (unencoded payload, RFC 7797) is not supported`);
  }
  return { alg: ALG, kid: header.kid };
}

function split(compact) {
  if (typeof compact !== 'string') {
    throw new JwsError('MALFORMED', 'a compact JWS is text');
  }
  const parts = compact.split('.');
  if (parts.length !== 3) {
    throw new JwsError('MALFORMED', `a compact JWS has 3 parts separated by '.', found ${parts.length}`);
  }
  if (parts[1] !== '') {
    throw new JwsError('MALFORMED', 'the payload part must be empty (detached payload, RFC 7515 appendix F)');
  }
  const header = parseHeader(decodePart(parts[0], 'protected header'));
  const signature = decodePart(parts[2], 'signature');
  if (signature.length !== 64) {
    throw new JwsError('MALFORMED', `an Ed25519 signature has 64 bytes, found ${signature.length}`);
  }
  return { encodedHeader: parts[0], header, signature };
}

/** The checked header { alg, kid } of a detached JWS, without verifying it; throws JwsError. */
export function decodeHeader(compact) {
  return split(compact).header;
}

/** ASCII(encodedHeader '.' BASE64URL(payload)): the bytes an RFC 7515 signature covers. */
export function signingInput(encodedHeader, payload) {
  return new TextEncoder().encode(`${encodedHeader}.${encodeBase64Url(payload)}`);
}

/**
 * Verifies a detached JWS over the payload bytes with the key keysByKid holds for its kid (a Map or an
 * object of kid to JWK or CryptoKey). Returns the header; throws JwsError naming the first problem.
 */
export async function verifyDetached(compact, payload, keysByKid) {
  const parts = split(compact);
  const kid = parts.header.kid;
  const key = keysByKid instanceof Map ? keysByKid.get(kid)
    : Object.hasOwn(keysByKid, kid) ? keysByKid[kid] : undefined;
  if (key === undefined) {
    throw new JwsError('UNKNOWN_KEY', `no key with kid ${quote(kid)}`);
  }
  let valid;
  try {
    const cryptoKey = isCryptoKey(key) ? key : await importJwk(key);
    valid = await crypto.subtle.verify({ name: 'Ed25519' }, cryptoKey, parts.signature,
      signingInput(parts.encodedHeader, payload));
  } catch {
    throw new JwsError('INVALID_KEY', `key ${quote(kid)} is not a valid Ed25519 public key`);
  }
  if (!valid) {
    throw new JwsError('INVALID_SIGNATURE', `signature does not verify over the payload with key ${quote(kid)}`);
  }
  return parts.header;
}

function isCryptoKey(key) {
  return typeof CryptoKey !== 'undefined' && key instanceof CryptoKey;
}

/** The raw 32-byte key of an Ed25519 OKP JWK; throws an Error unless it is one with a canonical x. */
export function rawKeyOf(jwk) {
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519'
      || typeof jwk.x !== 'string') {
    throw new Error('not an Ed25519 OKP key');
  }
  const raw = decodeBase64Url(jwk.x);
  if (raw === null) {
    throw new Error('x must be unpadded canonical base64url');
  }
  if (raw.length !== 32) {
    throw new Error(`an Ed25519 public key has 32 bytes, x has ${raw.length}`);
  }
  return raw;
}

/** The WebCrypto verification key of an Ed25519 JWK. */
export async function importJwk(jwk) {
  rawKeyOf(jwk);
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false,
    ['verify']);
}

/**
 * The RFC 7638 thumbprint of an Ed25519 JWK: unpadded base64url SHA-256 of
 * {"crv":"Ed25519","kty":"OKP","x":"..."} (RFC 8037 appendix A.3). A key's fingerprint, whatever its kid.
 */
export async function thumbprint(jwk) {
  rawKeyOf(jwk);
  const required = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`;
  return encodeBase64Url(await sha256(new TextEncoder().encode(required)));
}

/** The thumbprint of a raw 32-byte Ed25519 public key. */
export async function thumbprintOfRaw(raw) {
  return thumbprint({ kty: 'OKP', crv: 'Ed25519', x: encodeBase64Url(raw) });
}

/** A JWK set's keys; throws an Error naming the set when it is not {"keys": [objects]}. */
export function keysOf(keySet, name) {
  if (keySet === null || typeof keySet !== 'object' || Array.isArray(keySet)) {
    throw new Error(`${name} must hold a JSON object`);
  }
  if (!Object.hasOwn(keySet, 'keys')) {
    throw new Error(`${name}: keys is missing`);
  }
  if (!Array.isArray(keySet.keys)) {
    throw new Error(`${name}: keys must be an array of JWKs, found ${describe(keySet.keys)}`);
  }
  keySet.keys.forEach((key, i) => {
    if (key === null || typeof key !== 'object' || Array.isArray(key)) {
      throw new Error(`${name}: keys[${i}] must be a JWK object, found ${describe(key)}`);
    }
  });
  return keySet.keys;
}

/**
 * The Ed25519 JWK with kid in a disclosure-service key set, checked as the verifier module's KeySets does:
 * exactly one such key, alg EdDSA and use sig when given, a valid Ed25519 x. Throws an Error naming the set.
 */
export function signingKey(keySet, kid, name) {
  const keys = keysOf(keySet, name);
  const matches = keys.filter((key) => key.kid === kid);
  if (matches.length === 0) {
    const kids = keys.map((key) => (Object.hasOwn(key, 'kid') ? JSON.stringify(key.kid) : 'a key without kid'));
    throw new Error(`no key with kid ${quote(kid)} in ${name}${kids.length === 0 ? ', which has no keys'
      : ` (it has ${kids.join(', ')})`}`);
  }
  if (matches.length > 1) {
    throw new Error(`${name} has ${matches.length} keys with kid ${quote(kid)}`);
  }
  const key = matches[0];
  const prefix = `key ${quote(kid)} of ${name} `;
  if (Object.hasOwn(key, 'alg') && key.alg !== ALG) {
    throw new Error(`${prefix}is not for EdDSA (alg ${JSON.stringify(key.alg)})`);
  }
  if (Object.hasOwn(key, 'use') && key.use !== 'sig') {
    throw new Error(`${prefix}is not for signatures (use ${JSON.stringify(key.use)})`);
  }
  try {
    rawKeyOf(key);
  } catch (e) {
    throw new Error(`${prefix}is malformed: ${e.message}`);
  }
  return key;
}

/** A short description of a value for messages: its JSON, cut when long. */
export function describe(value) {
  const json = value === undefined ? 'nothing' : JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
