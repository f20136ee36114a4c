// Verifies a disclosure in the browser with the checks of the offline verifier (verifier module,
// DisclosureVerifier) for a JSON report, in its order and with its words:
//   report       the report is a JSON object with an RFC 8785 form; its digest is the SHA-256 of that form
//   digest       (with an expected digest) it equals the one given
//   signature    the detached JWS verifies over the canonical bytes with the key its kid names in the key set
//   checkpoint   attestation.checkpoint.note is a checkpoint signed by a noteKey of the audit log's key set,
//                stating the size and root next to it
//   witnesses    (with witness keys) the note carries valid cosignature/v1 lines of at least quorum of them
//   consistency  attestation.previous.consistencyProof leads from the previous disclosure's size and root to
//                this checkpoint (nothing to check for a jurisdiction's first disclosure)
//   previous report (with the previous report) it is the disclosure attestation.previous names, of the same
//                jurisdiction, with the same size and root
// then the fingerprint (RFC 7638 thumbprint) of every key that verified something. Members are read from
// the report's canonical form, i.e. from exactly the bytes that were signed. A failed check does not stop
// the independent checks after it.
//
// On a page with <button id="verify">, a result region id="verify-result" and an element id="disclosure"
// carrying data-report-url, data-jws-url, data-keys-url (the disclosure-service's JWK set) and
// data-log-key-url (the audit-service's, whose keys carry noteKey), and optionally data-previous-url (the
// previous disclosure's report.json), data-digest (the digest the list states), data-witness-keys (witness
// vkeys, one a line) and data-witness-quorum, the button fetches them (same origin only) and writes the
// outcome in plain words. The signed checkpoint and the consistency proof are read from the report itself,
// which carries them under its signature, so data-checkpoint-url is not fetched.

import { decodeBase64, encodeBase64, toHex } from './base64.js';
import { canonicalBytes, decodeUtf8, parseStrict } from './jcs.js';
import {
  JwsError, decodeHeader, describe, keysOf, rawKeyOf, signingKey, thumbprint, thumbprintOfRaw, verifyDetached,
} from './jws.js';
import { InvalidProofError, sha256, verifyConsistency } from './merkle.js';
import { NoteError, openNote, parseCheckpoint, parseVerifierKey, parseWitnessKey, verifyCosignature } from './note.js';

const CHECKPOINT = 'attestation.checkpoint';
const PREVIOUS = 'attestation.previous';
const PUBLISHER_ATTESTATION = ['publication.attestation', 'attestation.publisher'];
const TWO_POW_63 = 2 ** 63;

/** A check that failed; its message names the input. */
class CheckFailure extends Error {}

/** An input's text, strictly UTF-8. */
function textOf(input) {
  const text = typeof input.bytes === 'string' ? input.bytes : decodeUtf8(input.bytes);
  if (text === null) {
    throw new CheckFailure(`${input.name} is not UTF-8 text`);
  }
  return text;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads members by dotted path, failing with messages that name the input and the path (JsonFields). */
class Fields {
  constructor(name, root, canonical) {
    this.name = name;
    this.root = root;
    this.canonical = canonical;
  }

  static parseObject(input) {
    let root;
    try {
      root = parseStrict(textOf(input));
    } catch (e) {
      throw e instanceof CheckFailure ? e : new CheckFailure(`${input.name} is not JSON: ${e.message}`);
    }
    if (!isObject(root)) {
      throw new CheckFailure(`${input.name} must hold a JSON object, found ${describe(root)}`);
    }
    return new Fields(input.name, root, null);
  }

  /** parseObject for a signed document, keeping its RFC 8785 bytes. */
  static parseCanonical(input) {
    const parsed = Fields.parseObject(input);
    try {
      return new Fields(input.name, parsed.root, canonicalBytes(parsed.root));
    } catch (e) {
      throw new CheckFailure(`${input.name} has no RFC 8785 canonical form: ${e.message}`);
    }
  }

  find(path) {
    let node = this.root;
    for (const name of path.split('.')) {
      node = isObject(node) && Object.hasOwn(node, name) ? node[name] : undefined;
    }
    return node;
  }

  require(path) {
    const node = this.find(path);
    if (node === undefined) {
      throw this.failure(`${path} is missing`);
    }
    return node;
  }

  /** A member for display: strings without quotes, other values as JSON, missing ones as ?. */
  display(path) {
    const node = this.find(path);
    return node === undefined ? '?' : typeof node === 'string' ? node : JSON.stringify(node);
  }

  requireText(path) {
    const node = this.require(path);
    if (typeof node !== 'string' || node.length === 0) {
      throw this.failure(`${path} must be a non-empty string, found ${describe(node)}`);
    }
    return node;
  }

  /** A tree size: a JSON integer from 0 to 2^63 - 1. */
  requireSize(path) {
    const node = this.require(path);
    if (!Number.isInteger(node) || node < 0 || node >= TWO_POW_63) {
      throw this.failure(`${path} must be a non-negative integer, found ${describe(node)}`);
    }
    return BigInt(node);
  }

  /** A Merkle hash: padded canonical standard base64 of 32 bytes, as in checkpoints. */
  requireHash(path) {
    return this.hash(this.require(path), path);
  }

  requireHashes(path) {
    const node = this.require(path);
    if (!Array.isArray(node)) {
      throw this.failure(`${path} must be an array of base64 hashes, found ${describe(node)}`);
    }
    return node.map((item, i) => this.hash(item, `${path}[${i}]`));
  }

  hash(node, path) {
    const hash = typeof node === 'string' ? decodeBase64(node) : null;
    if (hash === null || hash.length !== 32) {
      throw this.failure(`${path} must be the standard base64 of a 32-byte hash, found ${describe(node)}`);
    }
    return hash;
  }

  failure(message) {
    return new CheckFailure(`${this.name}: ${message}`);
  }
}

function treeHead(size, root) {
  return { size, root, describe: () => `size ${size}, root ${encodeRoot(root)}` };
}

function encodeRoot(root) {
  return encodeBase64(root);
}

/**
 * Runs every check over inputs already fetched and returns the outcome. Inputs are { name, bytes } (bytes a
 * Uint8Array or a string): report, signature, keys, logKeys, and optionally previous; expectedDigest,
 * witnessKeys (vkey strings) and witnessQuorum may be given.
 *
 * The outcome: { verified, verdict, published, proves, doesNotProve, checks: [{ check, outcome, detail }] }
 * with outcome 'ok', 'fail', 'skip' (could not run) or 'info' (no check).
 */
export async function verifyDisclosure(inputs) {
  return new DisclosureVerifier(inputs).verify();
}

class DisclosureVerifier {
  constructor(inputs) {
    this.in = inputs;
    this.checks = [];
    this.usedKeys = new Map();
    this.signingKid = null;
    this.checkpoint = null;
    this.attestedNote = null;
    this.consistencySummary = null;
  }

  async verify() {
    let parsed = null;
    let unusable = null;
    try {
      parsed = Fields.parseCanonical(this.in.report);
    } catch (e) {
      unusable = e;
    }
    const summary = await this.summary(parsed);
    let digest = null;
    if (parsed === null) {
      this.reportUnusable(unusable.message);
    } else {
      digest = await this.checkReport(parsed);
    }
    this.keysInfo();
    const failed = this.checks.filter((c) => c.outcome === 'fail').length;
    const skipped = this.checks.filter((c) => c.outcome === 'skip').length;
    const verified = failed === 0 && skipped === 0;
    const verdict = verified
      ? `Verified: disclosure ${parsed.display('disclosureId')} (${parsed.display('jurisdiction')}, version `
        + `${parsed.display('version')}, digest ${digest}) is signed by key "${this.signingKid}" and attests the audit `
        + `log at size ${this.checkpoint.size}, ${this.consistencySummary}.`
      : `NOT verified: ${failed} check(s) failed${skipped > 0 ? `, ${skipped} not run` : ''}.`;
    return { verified, verdict, digest, ...summary, checks: this.checks };
  }

  ok(check, detail) {
    this.checks.push({ check, outcome: 'ok', detail });
  }

  fail(check, detail) {
    this.checks.push({ check, outcome: 'fail', detail });
  }

  skip(check, detail) {
    this.checks.push({ check, outcome: 'skip', detail });
  }

  reportUnusable(reason) {
    const needs = 'needs the report';
    this.fail('report', reason);
    this.skip('signature', needs);
    this.skip('checkpoint', needs);
    if (this.witnessKeys()) {
      this.skip('witnesses', needs);
    }
    this.skip('consistency', needs);
    if (this.in.previous) {
      this.skip('previous report', needs);
    }
  }

  witnessKeys() {
    return Array.isArray(this.in.witnessKeys) && this.in.witnessKeys.length > 0;
  }

  // ---- the plain-language summary -------------------------------------------------------------

  async summary(report) {
    const published = [];
    const proves = [];
    const doesNotProve = [];
    if (report !== null) {
      published.push(`The ${report.display('jurisdiction')} transparency disclosure ${report.display('disclosureId')} `
        + `(version ${report.display('version')}) for ${report.display('periodStart')} to ${report.display('periodEnd')}.`);
      published.push(`Status, as the report states it: ${status(report)}.`);
      published.push(publisher(report));
      proves.push(`These report bytes (their RFC 8785 form) were signed by the holder of ${await this.describeSigningKey()}.`);
      let log = `The figures were taken at audit-log checkpoint ${report.display(`${CHECKPOINT}.size`)}, signed by a key `
        + 'of the audit log';
      if (isObject(report.find(PREVIOUS))) {
        log += `, and that log extends the one at checkpoint ${report.display(`${PREVIOUS}.size`)} which the previous `
          + `disclosure ${report.display(`${PREVIOUS}.disclosureId`)} cited.`;
      } else {
        log += "; this is the jurisdiction's first disclosure, so there is no earlier checkpoint to be consistent with.";
      }
      proves.push(log);
    } else {
      published.push('Unknown: the report cannot be read (see the checks below).');
    }
    doesNotProve.push("That the figures are true or complete: they count what the company's own systems recorded in "
      + 'the audit log.');
    doesNotProve.push('That a key belongs to whom you think: compare the fingerprints below with ones you obtained '
      + 'another way (the company\'s filing with the regulator, a letter, a phone call).');
    return { published, proves, doesNotProve };
  }

  /** The key the JWS names, with its fingerprint when the key set has it; for the summary only. */
  async describeSigningKey() {
    try {
      const { kid } = decodeHeader(textOf(this.in.signature).trim());
      try {
        const key = signingKey(Fields.parseObject(this.in.keys).root, kid, this.in.keys.name);
        return `the disclosure key "${kid}" (fingerprint ${await thumbprint(key)})`;
      } catch {
        return `the disclosure key "${kid}"`;
      }
    } catch {
      return 'the disclosure key';
    }
  }

  // ---- the checks -----------------------------------------------------------------------------

  async checkReport(parsed) {
    const digest = toHex(await sha256(parsed.canonical));
    this.ok('report', `${this.in.report.name} is JSON; digest (SHA-256 of its RFC 8785 form) ${digest}`);
    if (this.in.expectedDigest) {
      if (digest === this.in.expectedDigest) {
        this.ok('digest', 'equals the digest the disclosure list states');
      } else {
        this.fail('digest', `${this.in.report.name} has digest ${digest}, but the disclosure list states `
          + `${this.in.expectedDigest}`);
      }
    }
    await this.checkSignature(parsed.canonical);
    const attested = await this.checkCheckpoint(parsed);
    await this.checkWitnesses();
    await this.checkConsistency(parsed, attested);
    if (this.in.previous) {
      this.checkPreviousReport(parsed);
    }
    return digest;
  }

  async checkSignature(canonical) {
    const jws = this.in.signature;
    const keys = this.in.keys;
    let compact;
    let header;
    try {
      // A trailing newline is how files end; a compact JWS itself has no whitespace.
      compact = textOf(jws).trim();
      header = decodeHeader(compact);
    } catch (e) {
      this.fail('signature', e instanceof CheckFailure ? e.message : `${jws.name}: ${e.message}`);
      return;
    }
    let key;
    try {
      key = signingKey(Fields.parseObject(keys).root, header.kid, keys.name);
    } catch (e) {
      this.fail('signature', e.message);
      return;
    }
    try {
      await verifyDetached(compact, canonical, new Map([[header.kid, key]]));
      this.signingKid = header.kid;
      this.used(await thumbprint(key), `the disclosure key "${header.kid}" of ${keys.name}`);
      this.ok('signature', `${jws.name}: EdDSA by key "${header.kid}" of ${keys.name}`);
    } catch (e) {
      if (!(e instanceof JwsError)) {
        throw e;
      }
      this.fail('signature', e.reason === 'INVALID_KEY'
        ? `key "${header.kid}" of ${keys.name} is not a valid Ed25519 public key`
        : e.reason === 'INVALID_SIGNATURE'
          ? `${jws.name} does not verify over the canonical form of ${this.in.report.name} with key "${header.kid}" `
            + `of ${keys.name}`
          : `${jws.name}: ${e.message}`);
    }
  }

  /** The note verifier keys (noteKey) of the audit log's key set, and why the others were left out. */
  async noteKeys() {
    const logKeys = this.in.logKeys;
    const verifiers = [];
    const unusable = [];
    let keys;
    try {
      keys = keysOf(Fields.parseObject(logKeys).root, logKeys.name);
    } catch (e) {
      throw e instanceof CheckFailure ? e : new CheckFailure(e.message);
    }
    for (const [i, key] of keys.entries()) {
      const label = `keys[${i}]${typeof key.kid === 'string' ? ` (kid ${key.kid})` : ''}`;
      if (typeof key.noteKey !== 'string') {
        unusable.push(`${label} has no noteKey string`);
        continue;
      }
      let verifier;
      try {
        verifier = await parseVerifierKey(key.noteKey);
      } catch (e) {
        unusable.push(`${label}: noteKey is malformed: ${e.message}`);
        continue;
      }
      if (Object.hasOwn(key, 'x') && !sameKey(key, verifier.rawKey)) {
        unusable.push(`${label}: x and noteKey are different keys`);
        continue;
      }
      verifiers.push(verifier);
    }
    return { verifiers, unusable };
  }

  async checkCheckpoint(report) {
    let attested;
    let note;
    try {
      attested = treeHead(report.requireSize(`${CHECKPOINT}.size`), report.requireHash(`${CHECKPOINT}.root`));
      note = report.requireText(`${CHECKPOINT}.note`);
    } catch (e) {
      this.fail('checkpoint', e.message);
      return null;
    }
    const logKeys = this.in.logKeys.name;
    const noteName = `${CHECKPOINT}.note of ${this.in.report.name}`;
    try {
      const keys = await this.noteKeys();
      const unusable = keys.unusable.length === 0 ? '' : ` (left out of ${logKeys}: ${keys.unusable.join('; ')})`;
      if (keys.verifiers.length === 0) {
        throw new CheckFailure(`${logKeys} has no usable note key${unusable}`);
      }
      let opened;
      try {
        opened = await openNote(note, keys.verifiers);
      } catch (e) {
        if (!(e instanceof NoteError)) {
          throw e;
        }
        throw new CheckFailure(e.reason === 'NO_KNOWN_SIGNATURE'
          ? `${noteName} has no signature by a key of ${logKeys}${unusable}`
          : e.reason === 'INVALID_SIGNATURE' ? `${noteName} does not verify with the keys of ${logKeys}: ${e.message}`
            : `${noteName}: ${e.message}`);
      }
      let signed;
      try {
        signed = parseCheckpoint(opened.text);
      } catch (e) {
        throw new CheckFailure(`${noteName} is not a checkpoint: ${e.message}`);
      }
      const mismatches = [];
      if (signed.size !== attested.size) {
        mismatches.push(`the signed note says size ${signed.size}, ${CHECKPOINT}.size says ${attested.size}`);
      }
      if (signed.rootBase64 !== encodeRoot(attested.root)) {
        mismatches.push(`the signed note says root ${signed.rootBase64}, ${CHECKPOINT}.root says ${encodeRoot(attested.root)}`);
      }
      if (mismatches.length > 0) {
        throw new CheckFailure(`${this.in.report.name}: ${mismatches.join('; ')}`);
      }
      for (const s of opened.verified) {
        const verifier = keys.verifiers.find((v) => v.name === s.name && v.keyId === s.keyId);
        this.used(await thumbprintOfRaw(verifier.rawKey), `the log key ${s.name}+${s.keyIdHex} of ${logKeys}`);
      }
      this.checkpoint = attested;
      this.attestedNote = opened;
      const signers = opened.verified.map((s) => `${s.name}+${s.keyIdHex}`).join(', ');
      this.ok('checkpoint', `log ${signed.origin} at ${attested.describe()}, signed by ${signers} of ${logKeys}`);
    } catch (e) {
      if (!(e instanceof CheckFailure)) {
        throw e;
      }
      this.fail('checkpoint', e.message);
    }
    return attested;
  }

  async checkWitnesses() {
    if (!this.witnessKeys()) {
      return;
    }
    if (this.attestedNote === null) {
      this.skip('witnesses', 'needs a checkpoint signed by the log');
      return;
    }
    const cosigned = [];
    const problems = [];
    let quorum = this.in.witnessKeys.length;
    if (this.in.witnessQuorum !== undefined && this.in.witnessQuorum !== null) {
      quorum = Number(this.in.witnessQuorum);
      if (!Number.isInteger(quorum) || quorum < 1 || quorum > this.in.witnessKeys.length) {
        this.fail('witnesses', `the witness quorum must be a whole number from 1 to the number of witness keys `
          + `(${this.in.witnessKeys.length}), found ${this.in.witnessQuorum}`);
        return;
      }
    }
    for (const vkey of this.in.witnessKeys) {
      let witness;
      try {
        witness = await parseWitnessKey(vkey.trim());
      } catch (e) {
        this.fail('witnesses', `witness key ${vkey}: ${e.message}`);
        return;
      }
      const name = `${witness.name}+${witness.keyIdHex}`;
      try {
        const cosignature = await verifyCosignature(witness, this.attestedNote);
        cosigned.push(`${name} at ${cosignature.time}`);
      } catch (e) {
        if (!(e instanceof NoteError)) {
          throw e;
        }
        problems.push(e.reason === 'NO_KNOWN_SIGNATURE' ? `no cosignature by witness ${name}`
          : `the cosignature by witness ${name} does not verify`);
      }
    }
    const counted = `${cosigned.length} of the ${quorum} cosignature(s) required`;
    const described = (cosigned.length === 0 ? counted : `${counted}: ${cosigned.join(', ')}`)
      + (problems.length === 0 ? '' : `; ${problems.join('; ')}`);
    if (cosigned.length >= quorum) {
      this.ok('witnesses', described);
    } else {
      this.fail('witnesses', `${CHECKPOINT}.note of ${this.in.report.name} carries ${described}`);
    }
  }

  async checkConsistency(report, attested) {
    const previous = report.find(PREVIOUS);
    const name = this.in.report.name;
    if (previous === undefined) {
      this.fail('consistency', `${name}: ${PREVIOUS} is missing (null for a jurisdiction's first disclosure)`);
      return;
    }
    if (previous === null) {
      this.consistencySummary = `the first disclosure of ${report.display('jurisdiction')}`;
      this.ok('consistency', `first disclosure of ${report.display('jurisdiction')}: no previous checkpoint, nothing to check`);
      return;
    }
    if (attested === null) {
      this.skip('consistency', `needs a readable ${CHECKPOINT}`);
      return;
    }
    try {
      const previousId = report.requireText(`${PREVIOUS}.disclosureId`);
      const from = treeHead(report.requireSize(`${PREVIOUS}.size`), report.requireHash(`${PREVIOUS}.root`));
      const proof = report.requireHashes(`${PREVIOUS}.consistencyProof`);
      try {
        await verifyConsistency(from.size, attested.size, from.root, attested.root, proof);
      } catch (e) {
        if (!(e instanceof InvalidProofError)) {
          throw e;
        }
        throw new CheckFailure(`${name}: ${PREVIOUS}.consistencyProof does not lead from size ${from.size} to size `
          + `${attested.size}: ${e.message}`);
      }
      this.consistencySummary = `an extension of the log at disclosure ${previousId} (size ${from.size})`;
      this.ok('consistency', `the log at size ${attested.size} extends the one at size ${from.size} attested by `
        + `disclosure ${previousId} (proof of ${proof.length} hashes)`);
    } catch (e) {
      if (!(e instanceof CheckFailure)) {
        throw e;
      }
      this.fail('consistency', e.message);
    }
  }

  checkPreviousReport(report) {
    const name = this.in.previous.name;
    const reportName = this.in.report.name;
    try {
      const previous = Fields.parseCanonical(this.in.previous);
      const named = report.find(PREVIOUS);
      if (!isObject(named)) {
        throw new CheckFailure(`${reportName} names no previous disclosure (${PREVIOUS} is `
          + `${named === undefined ? 'missing' : JSON.stringify(named)}), but the previous report ${name} was given`);
      }
      const mismatches = [];
      const id = previous.requireText('disclosureId');
      const expectedId = report.requireText(`${PREVIOUS}.disclosureId`);
      if (id !== expectedId) {
        mismatches.push(`it is disclosure ${id}, but ${PREVIOUS}.disclosureId of ${reportName} is ${expectedId}`);
      }
      const jurisdiction = previous.require('jurisdiction');
      if (JSON.stringify(jurisdiction) !== JSON.stringify(report.find('jurisdiction'))) {
        mismatches.push(`its jurisdiction is ${previous.display('jurisdiction')}, not ${report.display('jurisdiction')}`);
      }
      const stated = treeHead(previous.requireSize(`${CHECKPOINT}.size`), previous.requireHash(`${CHECKPOINT}.root`));
      const expected = treeHead(report.requireSize(`${PREVIOUS}.size`), report.requireHash(`${PREVIOUS}.root`));
      if (stated.size !== expected.size) {
        mismatches.push(`its ${CHECKPOINT}.size is ${stated.size}, but ${PREVIOUS}.size of ${reportName} is ${expected.size}`);
      }
      if (encodeRoot(stated.root) !== encodeRoot(expected.root)) {
        mismatches.push(`its ${CHECKPOINT}.root is ${encodeRoot(stated.root)}, but ${PREVIOUS}.root of ${reportName} is `
          + `${encodeRoot(expected.root)}`);
      }
      if (mismatches.length > 0) {
        throw new CheckFailure(`${name}: ${mismatches.join('; ')}`);
      }
      this.ok('previous report', `${name} is disclosure ${id} (${previous.display('jurisdiction')}, version `
        + `${previous.display('version')}) at ${stated.describe()}`);
    } catch (e) {
      if (!(e instanceof CheckFailure)) {
        throw e;
      }
      this.fail('previous report', e.message);
    }
  }

  used(fingerprint, what) {
    const roles = this.usedKeys.get(fingerprint) ?? [];
    if (!roles.includes(what)) {
      roles.push(what);
    }
    this.usedKeys.set(fingerprint, roles);
  }

  keysInfo() {
    if (this.usedKeys.size === 0) {
      return;
    }
    const described = [...this.usedKeys].map(([fingerprint, roles]) => `${roles.join(' and ')}: fingerprint ${fingerprint}`);
    this.checks.push({ check: 'keys', outcome: 'info', detail: `${described.join('; ')} (compare them with ones you obtained another way)` });
  }
}

function sameKey(jwk, raw) {
  try {
    return rawKeyOf({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }).every((b, i) => b === raw[i]);
  } catch {
    return false;
  }
}

function status(report) {
  const stated = report.find('status');
  const publication = report.find('publication');
  let text;
  if (typeof stated === 'string') {
    text = stated;
  } else if (isObject(publication)) {
    text = 'PUBLISHED';
  } else {
    text = 'DRAFT';
  }
  if (isObject(publication)) {
    text += ` (published ${report.display('publication.publishedAt')} by ${report.display('publication.publishedBy')})`;
  } else {
    text += ' (the report names no publication)';
  }
  const supersedes = report.find('supersedes');
  if (typeof supersedes === 'string') {
    text += `, superseding disclosure ${supersedes}`;
  }
  return text;
}

function publisher(report) {
  for (const path of PUBLISHER_ATTESTATION) {
    const attestation = report.find(path);
    if (isObject(attestation) && typeof attestation.name === 'string') {
      const by = `Attested by ${attestation.name}${typeof attestation.title === 'string' ? `, ${attestation.title}` : ''}`;
      return typeof attestation.statement === 'string' ? `${by}: "${attestation.statement}"` : `${by}.`;
    }
  }
  return 'The report carries no attestation naming its publisher.';
}

// ---- the page -----------------------------------------------------------------------------------

const OUTCOME_WORDS = { ok: 'passed', fail: 'FAILED', skip: 'not run', info: 'note' };

/** An input that could not be fetched; the page says which and why, and runs no check. */
class FetchFailure extends Error {}

/** Fetches one same-origin URL as bytes. */
async function fetchInput(url, name, base, fetcher) {
  const resolved = new URL(url, base);
  if (resolved.origin !== new URL(base).origin) {
    throw new FetchFailure(`${name} (${url}) is not on this site; the page fetches only from its own origin`);
  }
  let response;
  try {
    response = await fetcher(resolved.href, { credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new FetchFailure(`${name} (${url}) could not be fetched: ${e.message}`);
  }
  if (response.status !== 200) {
    throw new FetchFailure(`${name} (${url}) answered HTTP ${response.status}, not 200`);
  }
  return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

function lastSegment(url) {
  const path = new URL(url, 'https://host.invalid/').pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

/**
 * Fetches what the element's data attributes name and runs the checks. base is the page's URL (its origin
 * is the only one fetched from), fetcher a fetch function.
 */
export async function verifyFromDataset(dataset, base, fetcher) {
  const required = { reportUrl: 'data-report-url', jwsUrl: 'data-jws-url', keysUrl: 'data-keys-url',
    logKeyUrl: 'data-log-key-url' };
  for (const [key, attribute] of Object.entries(required)) {
    if (!dataset[key]) {
      throw new FetchFailure(`the page names no ${attribute}`);
    }
  }
  const fetches = [
    fetchInput(dataset.reportUrl, lastSegment(dataset.reportUrl), base, fetcher),
    fetchInput(dataset.jwsUrl, lastSegment(dataset.jwsUrl), base, fetcher),
    fetchInput(dataset.keysUrl, `the disclosure keys ${dataset.keysUrl}`, base, fetcher),
    fetchInput(dataset.logKeyUrl, `the audit-log keys ${dataset.logKeyUrl}`, base, fetcher),
  ];
  if (dataset.previousUrl) {
    fetches.push(fetchInput(dataset.previousUrl, `the previous report ${dataset.previousUrl}`, base, fetcher));
  }
  const [report, signature, keys, logKeys, previous] = await Promise.all(fetches);
  const witnessKeys = (dataset.witnessKeys ?? '').split('\n').map((k) => k.trim()).filter((k) => k.length > 0);
  return verifyDisclosure({
    report, signature, keys, logKeys, previous,
    expectedDigest: dataset.digest || undefined,
    witnessKeys: witnessKeys.length > 0 ? witnessKeys : undefined,
    witnessQuorum: dataset.witnessQuorum || undefined,
  });
}

function element(doc, tag, text, className) {
  const node = doc.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function list(doc, heading, items) {
  const section = element(doc, 'section');
  section.append(element(doc, 'h3', heading));
  const ul = element(doc, 'ul');
  items.forEach((item) => ul.append(element(doc, 'li', item)));
  section.append(ul);
  return section;
}

/** Writes an outcome into the result region, as text only (the report's strings are never markup). */
export function render(doc, region, outcome) {
  const nodes = [element(doc, 'p', outcome.verdict, outcome.verified ? 'verify-verdict verified' : 'verify-verdict not-verified')];
  nodes.push(list(doc, 'What was published', outcome.published));
  if (outcome.proves.length > 0) {
    nodes.push(list(doc, 'What the checks prove, when they all pass', outcome.proves));
  }
  nodes.push(list(doc, 'What they do not prove', outcome.doesNotProve));
  const section = element(doc, 'section');
  section.append(element(doc, 'h3', 'The checks'));
  const ol = element(doc, 'ol', undefined, 'verify-checks');
  for (const c of outcome.checks) {
    const li = element(doc, 'li', undefined, `check-${c.outcome}`);
    li.append(element(doc, 'strong', `${c.check}: ${OUTCOME_WORDS[c.outcome]}`), doc.createTextNode(` ${c.detail}`));
    ol.append(li);
  }
  section.append(ol);
  nodes.push(section);
  region.replaceChildren(...nodes);
}

// The public key of RFC 8032 section 7.1, test 1: any valid key will do to ask for Ed25519.
const PROBE_KEY = Uint8Array.from([0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07,
  0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a]);

/** Whether WebCrypto here verifies Ed25519. */
export async function ed25519Available() {
  try {
    await crypto.subtle.importKey('raw', PROBE_KEY, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

/** Wires the button of a page; returns the click handler (for tests), or null when the page has no button. */
export function wire(doc, base, fetcher) {
  const button = doc.getElementById('verify');
  const region = doc.getElementById('verify-result');
  const source = doc.getElementById('disclosure');
  if (!button || !region || !source) {
    return null;
  }
  const run = async () => {
    button.disabled = true;
    region.setAttribute('aria-busy', 'true');
    region.replaceChildren(element(doc, 'p', 'Checking the disclosure in this browser…'));
    try {
      if (!(await ed25519Available())) {
        throw new FetchFailure('this browser cannot check Ed25519 signatures (WebCrypto has them from Chrome 137, '
          + 'Firefox 129 and Safari 17); the offline verifier runs the same checks');
      }
      render(doc, region, await verifyFromDataset(source.dataset, base, fetcher));
    } catch (e) {
      const message = e instanceof FetchFailure ? e.message : `the check stopped: ${e.message}`;
      region.replaceChildren(element(doc, 'p', `NOT verified: ${message}`, 'verify-verdict not-verified'));
    } finally {
      region.removeAttribute('aria-busy');
      button.disabled = false;
    }
  };
  button.addEventListener('click', run);
  return run;
}

if (typeof document !== 'undefined' && typeof location !== 'undefined') {
  const start = () => wire(document, location.href, (url, init) => fetch(url, init));
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}
