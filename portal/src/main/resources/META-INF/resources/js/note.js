// c2sp.org/signed-note with Ed25519, c2sp.org/tlog-checkpoint and c2sp.org/tlog-cosignature
// (cosignature/v1), as the verifier module's note package reads them.
//
// A note verifier key is <name>+<hex key id>+<base64(0x01 || 32-byte key)>, its key id the first 4 bytes
// of SHA-256(name || 0x0A || 0x01 || key). A witness key is the same with signature type 0x04, and its
// cosignature signs "cosignature/v1\ntime <t>\n" || checkpoint body, with the 8-byte big-endian time before
// the 64-byte signature. Ed25519 is WebCrypto's (Chrome 137, Firefox 129, Safari 17, Node 20 and newer).

import { decodeBase64 } from './base64.js';
import { concat, sha256 } from './merkle.js';

export const SIGNATURE_PREFIX = '\u2014 ';
/** More signatures than this make a note malformed (the spec asks to accept at least 16; Go allows 100). */
export const MAX_SIGNATURES = 100;
export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;

/** Why a note did not open: MALFORMED, INVALID_SIGNATURE, NO_KNOWN_SIGNATURE or AMBIGUOUS_KEY. */
export class NoteError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'NoteError';
    this.reason = reason;
  }
}

const utf8 = new TextEncoder();

/**
 * Key names: non-empty, no '+', no Unicode space (the Latin-1 spaces Go's unicode.IsSpace lists and the
 * categories Zs, Zl, Zp), no control characters, no lone surrogates.
 */
export function isValidKeyName(name) {
  return typeof name === 'string' && name.length > 0 && isWellFormed(name)
    && !/[+\u0000-\u001f\u007f\u0085\p{Zs}\p{Zl}\p{Zp}]/u.test(name);
}

/** Valid Unicode without ASCII control characters other than newline. */
export function isValidNoteText(text) {
  return isWellFormed(text) && !/[\u0000-\u0009\u000b-\u001f]/.test(text);
}

function isWellFormed(s) {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

async function keyIdOf(name, algAndKey) {
  const hash = await sha256(concat([utf8.encode(name), Uint8Array.of(0x0a), algAndKey]));
  return new DataView(hash.buffer).getUint32(0);
}

function hex8(keyId) {
  return keyId.toString(16).padStart(8, '0');
}

async function importEd25519(raw) {
  return crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
}

async function verifyEd25519(key, message, signature) {
  if (signature.length !== 64) {
    return false;
  }
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    return false;
  }
}

async function parseKey(encoded, alg, what) {
  if (typeof encoded !== 'string') {
    throw new Error(`${what} must be <name>+<hex key id>+<base64 key>`);
  }
  const first = encoded.indexOf('+');
  const second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
  if (second < 0) {
    throw new Error(`${what} must be <name>+<hex key id>+<base64 key>`);
  }
  const name = encoded.slice(0, first);
  const hexId = encoded.slice(first + 1, second);
  const key = decodeBase64(encoded.slice(second + 1));
  if (!isValidKeyName(name)) {
    throw new Error(`invalid key name in ${what}`);
  }
  if (!/^[0-9a-f]{8}$/.test(hexId)) {
    throw new Error(`${what} id must be 8 lowercase hex digits`);
  }
  if (key === null || key.length === 0) {
    throw new Error(`${what} is not canonical base64`);
  }
  if (key[0] !== alg) {
    throw new Error(`${what} has signature type ${key[0]}, not ${alg}`);
  }
  if (key.length !== 33) {
    throw new Error(`${what} must hold a 32-byte Ed25519 key`);
  }
  const keyId = await keyIdOf(name, key);
  if (parseInt(hexId, 16) !== keyId) {
    throw new Error(`${what} id does not match the key`);
  }
  const raw = key.slice(1);
  let cryptoKey;
  try {
    cryptoKey = await importEd25519(raw);
  } catch (e) {
    throw new Error(`${what} is not a valid Ed25519 public key`);
  }
  return { name, keyId, keyIdHex: hex8(keyId), rawKey: raw, cryptoKey, encoded };
}

/**
 * Parses a note verifier key <name>+<hex8>+<base64(0x01 || key)>: the key id must match the key, the
 * algorithm must be Ed25519, the base64 canonical. Throws an Error naming what is wrong.
 */
export async function parseVerifierKey(encoded) {
  return parseKey(encoded, ALG_ED25519, 'verifier key');
}

/** Parses a witness key <name>+<hex8>+<base64(0x04 || key)> (cosignature/v1). */
export async function parseWitnessKey(encoded) {
  return parseKey(encoded, ALG_COSIGNATURE_V1, 'witness key');
}

function parseSignatureLine(line) {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw new NoteError('MALFORMED', 'signature line must start with an em dash and a space');
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const base64 = space < 0 ? '' : rest.slice(space + 1);
  const raw = decodeBase64(base64);
  if (!isValidKeyName(name) || raw === null || raw.length < 5) {
    throw new NoteError('MALFORMED', "signature line must be '\u2014 <key name> <base64 key id and signature>'");
  }
  const keyId = new DataView(raw.buffer).getUint32(0);
  return { name, keyId, keyIdHex: hex8(keyId), base64, bytes: raw.slice(4), line };
}

/**
 * Parses a signed note and checks its signatures against the given verifier keys (from parseVerifierKey).
 * Signatures by other keys are kept as unverified, as the spec requires; every signature by a given key is
 * checked. Returns { text, verified, unverified }; throws NoteError: MALFORMED for bad syntax,
 * INVALID_SIGNATURE when a given key's signature fails, NO_KNOWN_SIGNATURE when no given key signed,
 * AMBIGUOUS_KEY when a signature names two different given keys.
 */
export async function openNote(note, verifiers) {
  const known = new Map();
  for (const v of verifiers) {
    const id = `${v.name}+${v.keyIdHex}`;
    const same = known.get(id) ?? [];
    if (!same.some((k) => k.rawKey.every((b, i) => b === v.rawKey[i]))) {
      same.push(v);
    }
    known.set(id, same);
  }
  if (typeof note !== 'string' || !isValidNoteText(note)) {
    throw new NoteError('MALFORMED', 'note contains control characters or invalid Unicode');
  }
  // The text ends at the last blank line; it may contain blank lines itself.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) {
    throw new NoteError('MALFORMED', 'note has no blank line before its signatures');
  }
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new NoteError('MALFORMED', 'signature block must be non-empty and end with a newline');
  }
  const message = utf8.encode(text);
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    throw new NoteError('MALFORMED', `note has more than ${MAX_SIGNATURES} signatures`);
  }
  const verified = new Map();
  const unverified = new Map();
  for (const line of lines) {
    const signature = parseSignatureLine(line);
    const id = `${signature.name}+${signature.keyIdHex}`;
    const candidates = known.get(id) ?? [];
    if (candidates.length === 0) {
      unverified.set(`${id} ${signature.base64}`, signature);
      continue;
    }
    if (candidates.length > 1) {
      throw new NoteError('AMBIGUOUS_KEY', `ambiguous key ${id}`);
    }
    if (!(await verifyEd25519(candidates[0].cryptoKey, message, signature.bytes))) {
      throw new NoteError('INVALID_SIGNATURE', `invalid signature for key ${id}`);
    }
    verified.set(`${id} ${signature.base64}`, signature);
  }
  if (verified.size === 0) {
    throw new NoteError('NO_KNOWN_SIGNATURE', 'note has no signature by a known key');
  }
  return { text, verified: [...verified.values()], unverified: [...unverified.values()] };
}

const MAX_SIZE = (1n << 63n) - 1n;

/**
 * Parses a c2sp.org/tlog-checkpoint body strictly: at least three lines, each non-empty and ending in a
 * newline; a decimal size without sign or leading zeros (up to 2^63 - 1); canonical padded base64 of 32
 * bytes for the root. Returns { origin, size (BigInt), root (bytes), rootBase64, extensions }; throws an
 * Error naming the first problem.
 */
export function parseCheckpoint(body) {
  if (typeof body !== 'string' || !body.endsWith('\n')) {
    throw new Error('checkpoint must end with a newline');
  }
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) {
    throw new Error('checkpoint needs origin, size and root hash lines');
  }
  if (!/^(0|[1-9][0-9]{0,18})$/.test(lines[1])) {
    throw new Error('tree size must be decimal without sign or leading zeros');
  }
  const size = BigInt(lines[1]);
  if (size > MAX_SIZE) {
    throw new Error('tree size is too large');
  }
  const root = decodeBase64(lines[2]);
  if (root === null || root.length !== 32) {
    throw new Error('root hash must be base64 of 32 bytes');
  }
  const origin = lines[0];
  const extensions = lines.slice(3);
  for (const [line, what] of [[origin, 'origin'], ...extensions.map((e) => [e, 'extension line'])]) {
    if (line.length === 0 || !isValidNoteText(line)) {
      throw new Error(`${what} must be a non-empty line without control characters`);
    }
  }
  return { origin, size, root, rootBase64: lines[2], extensions };
}

/** The message a cosignature/v1 signs: its type, "time <timestamp>" and the checkpoint body. */
export function cosignedMessage(timestamp, checkpointBody) {
  if (typeof timestamp !== 'bigint' || timestamp < 0n || timestamp > MAX_SIZE) {
    throw new Error('a cosignature timestamp lies between 0 and 2^63 - 1');
  }
  parseCheckpoint(checkpointBody);
  return utf8.encode(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`);
}

/**
 * Finds a witness's cosignature among the unverified signatures of an opened note (from openNote) and
 * checks it; every signature bearing its name and key id must verify. Returns { name, keyIdHex, timestamp
 * (BigInt), time (ISO-8601 UTC) }; throws NoteError NO_KNOWN_SIGNATURE when there is none, INVALID_SIGNATURE
 * when one does not verify.
 */
export async function verifyCosignature(witness, opened) {
  const id = `${witness.name}+${witness.keyIdHex}`;
  const candidates = opened.unverified.filter((s) => s.name === witness.name && s.keyId === witness.keyId);
  if (candidates.length === 0) {
    throw new NoteError('NO_KNOWN_SIGNATURE', `no cosignature by witness ${id}`);
  }
  for (const signature of candidates) {
    if ((await timestampOf(witness, opened.text, signature.bytes)) < 0n) {
      throw new NoteError('INVALID_SIGNATURE', `invalid cosignature by witness ${id}`);
    }
  }
  const timestamp = new DataView(candidates[0].bytes.buffer, candidates[0].bytes.byteOffset).getBigUint64(0);
  return { name: witness.name, keyIdHex: witness.keyIdHex, timestamp, time: isoSeconds(timestamp) };
}

/** A timestamped signature's time when it signs the checkpoint body, else -1n (a time over 2^63 - 1 never does). */
async function timestampOf(witness, body, timestamped) {
  if (timestamped.length !== 72) {
    return -1n;
  }
  const timestamp = new DataView(timestamped.buffer, timestamped.byteOffset).getBigUint64(0);
  let message;
  try {
    message = cosignedMessage(timestamp, body);
  } catch {
    return -1n;
  }
  return (await verifyEd25519(witness.cryptoKey, message, timestamped.slice(8))) ? timestamp : -1n;
}

/** POSIX seconds as ISO-8601 UTC without fractions, as Java's Instant prints them. */
export function isoSeconds(seconds) {
  const ms = Number(seconds) * 1000;
  return Number.isSafeInteger(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().replace('.000Z', 'Z')
    : `${seconds} s after 1970`;
}
